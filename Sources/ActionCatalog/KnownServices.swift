import RAMPolicy

/// Alibaba Cloud RAM service codes (the `<ram-code>` of `<ram-code>:<ActionName>`), so that a linter can
/// point out an action whose service code is probably misspelt.
///
/// **Not exhaustive.** Alibaba Cloud has well over a hundred RAM codes and adds more; this list holds
/// the common ones (reference §2.3: codes come from "Services that work with RAM"). A code that is not
/// listed is therefore only *suspicious*: linters must report it as a warning, never as an error.
/// `acs` is deliberately absent: it is the prefix of global condition keys and ARNs, not a service
/// code, so `acs:SomeAction` is a mistake worth flagging.
public enum KnownServices {
    /// Lower-case service codes.
    public static let codes: Set<String> = [
        // Identity, security and governance
        "ram", "sts", "kms", "actiontrail", "resourcemanager", "config", "tag", "ims", "cloudsso", "sas",
        "waf", "ddoscoo", "cas", "bastionhost", "cloudfw", "sddp", "green", "privatelink",
        // Media
        "vod", "mts", "live", "ice", "imm", "rtc",
        // Compute and containers
        "ecs", "ess", "fc", "cs", "eci", "ehpc", "ecd", "sae", "swas", "edas", "cr", "oos", "ros",
        // Storage
        "oss", "nas", "hbr", "ots", "dbs",
        // Networking
        "vpc", "slb", "alb", "nlb", "cdn", "dcdn", "ga", "cen", "dns", "alidns", "pvtz", "smartag",
        "apigateway",
        // Databases and analytics
        "rds", "polardb", "polardbx", "drds", "kvstore", "dds", "hbase", "adb", "clickhouse",
        "elasticsearch", "dts", "dms", "gpdb", "hitsdb", "odps", "dataworks", "emr", "quickbi",
        "opensearch", "datahub", "log",
        // Messaging and integration
        "mns", "mq", "ons", "alikafka", "amqp", "eventbridge", "dm", "dysms",
        // Monitoring and operations
        "cms", "arms", "xtrace", "ahas", "bss", "bssapi", "support", "quotas", "cloudshell",
        // AI
        "pai", "paidataset", "paiitag", "eas", "nlp", "viapi",
        // Domains
        "domain",
    ]

    /// True when `code` (any case) is listed.
    public static func contains(_ code: some StringProtocol) -> Bool {
        codes.contains(Glob.fold(String(code)))
    }
}
