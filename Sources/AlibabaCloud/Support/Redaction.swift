/// The one place that decides what may appear in descriptions, dumps and logs.
///
/// The reference's log-hygiene rule: never show `Authorization`, `Signature`, `SecurityToken` /
/// `x-acs-security-token` or a secret, and show an AccessKey ID only masked.
enum Redaction {
    static let placeholder = "<redacted>"

    /// Query or form parameters whose values are never shown.
    static let secretParameterNames: Set<String> = ["signature", "securitytoken", "accesskeysecret"]
    /// Parameters holding an AccessKey ID, shown masked.
    static let accessKeyParameterNames: Set<String> = ["accesskeyid"]
    /// Headers whose values are never shown.
    static let secretHeaderNames: Set<String> = [
        "authorization", "x-acs-security-token", "x-acs-bearer-token", "proxy-authorization", "cookie",
    ]
    /// Headers holding an AccessKey ID, shown masked.
    static let accessKeyHeaderNames: Set<String> = ["x-acs-accesskey-id"]

    /// `LTAI-NOT-A-REAL-KEY-Id` → `LTAI****Id`; `STS.NUExample…01` → `STS.****01`.
    ///
    /// Four leading and two trailing characters are enough to tell keys apart in a report, and the
    /// common `LTAI`/`STS.` prefixes are not secret. Short IDs are masked entirely.
    static func maskAccessKeyId(_ id: String) -> String {
        let characters = Array(id)
        guard characters.count >= 10 else { return "****" }
        return String(characters.prefix(4)) + "****" + String(characters.suffix(2))
    }

    static func parameterValue(name: String, value: String) -> String {
        let lowered = name.lowercased()
        if secretParameterNames.contains(lowered) { return placeholder }
        if accessKeyParameterNames.contains(lowered) { return maskAccessKeyId(value) }
        return value
    }

    static func headerValue(name: String, value: String) -> String {
        let lowered = name.lowercased()
        if secretHeaderNames.contains(lowered) { return placeholder }
        if accessKeyHeaderNames.contains(lowered) { return maskAccessKeyId(value) }
        return value
    }
}
