import RAMPolicy

/// A lint rule: a stable id that configuration, baselines and SARIF refer to, its default severity, and
/// the text that explains it.
///
/// Ids never change meaning once published. The policy engine's validation codes are rules too and
/// keep their ``DiagnosticCode`` id (`InvalidVersion`, `JsonSyntaxError`, …), so one configuration
/// file can tune both.
public struct FindingCode: Sendable, Hashable, CustomStringConvertible {
    /// Stable rule id, e.g. `AdministratorAccess`.
    public let id: String
    /// Default severity (a finding may be raised above it; configuration may change it).
    public let severity: FindingSeverity
    /// Short name, for SARIF rule names and JUnit test names.
    public let title: String
    /// One paragraph: what the rule detects and why it matters (SARIF help text).
    public let help: String
    /// What to do about it, in general terms (messages add the specifics).
    public let remedy: String
    /// The engine code this rule mirrors; nil for the linter's own rules.
    public let diagnosticCode: DiagnosticCode?

    public init(id: String, severity: FindingSeverity, title: String, help: String, remedy: String,
                diagnosticCode: DiagnosticCode? = nil) {
        self.id = id
        self.severity = severity
        self.title = title
        self.help = help
        self.remedy = remedy
        self.diagnosticCode = diagnosticCode
    }

    public var description: String { id }

    /// True for the policy engine's validation codes.
    public var isEngineCode: Bool { diagnosticCode != nil }

    public static func == (lhs: FindingCode, rhs: FindingCode) -> Bool { lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    /// Every rule: the engine's validation codes first, then the linter's own, each once.
    public static let all: [FindingCode] = engineCodes + lintCodes

    private static let byID: [String: FindingCode] = {
        var table: [String: FindingCode] = [:]
        for c in all where table[c.id] == nil { table[c.id] = c }
        return table
    }()

    /// The rule with this id (exact, case-sensitive), if any.
    public static func named(_ id: String) -> FindingCode? { byID[id] }

    /// The rule for an engine diagnostic code; a code this table does not know yet (added to the
    /// engine later) still gets a rule, with the engine's name and remedy.
    public static func engine(_ code: DiagnosticCode) -> FindingCode {
        if let known = byID[code.id], known.isEngineCode { return known }
        return FindingCode(id: code.id, severity: .error, title: code.name,
                           help: "The policy engine reports \"\(code.name)\": \(code.remedy)", remedy: code.remedy,
                           diagnosticCode: code)
    }

    // MARK: The linter's own rules

    public static let unknownService = FindingCode(
        id: "UnknownService", severity: .warning, title: "Unknown service code",
        help: "The action's service code (the part before the colon) is not one ramguard knows. RAM accepts any code, so a misspelt code (\"vdo:SubmitWorkflowJob\") is stored silently and grants nothing. ramguard's list of codes is not exhaustive, which is why this is a warning and not an error.",
        remedy: "Check the service code against Alibaba's \"Services that work with RAM\" list (VOD is \"vod\").")
    public static let unknownAction = FindingCode(
        id: "UnknownAction", severity: .error, title: "Unknown VOD action",
        help: "The action names the VOD service but no VOD action of that name exists in ramguard's catalogue (the 186 APIs of VOD 2017-03-21 plus the legacy names Alibaba system policies use). RAM does not check action names, so the entry grants or denies nothing — a misspelt Deny protects nothing.",
        remedy: "Use the exact action name from the VOD API reference (vod:<ApiName>); the message suggests the nearest one.")
    public static let historicalAction = FindingCode(
        id: "HistoricalAction", severity: .warning, title: "Historical VOD action name",
        help: "The action is a VOD API name from older API metadata (2019–2021) that is no longer in the current API set. Whether RAM still knows it is undocumented; the API itself is gone or renamed, so the entry most likely grants nothing useful.",
        remedy: "Replace it with the current API's action, or remove it.")
    public static let wildcardMatchesNothing = FindingCode(
        id: "WildcardMatchesNothing", severity: .warning, title: "VOD wildcard matches no action",
        help: "The VOD action pattern expands to no action of the catalogue, so it grants (or denies) nothing today. Usually a typo in the literal part (\"vod:Sumbit*\").",
        remedy: "Fix the pattern so it matches the intended actions, or list the actions explicitly.")
    public static let administratorAccess = FindingCode(
        id: "AdministratorAccess", severity: .securityWarning, title: "Full administrator access",
        help: "The statement allows every action of every service on every resource without conditions: the identity can do anything the account can, including granting itself more (ram:*) and deleting everything. Alibaba's AdministratorAccess system policy is this statement; custom policies rarely need it.",
        remedy: "List the services and actions the identity needs (least privilege), or add conditions.")
    public static let notActionWithAllow = FindingCode(
        id: "NotActionWithAllow", severity: .securityWarning, title: "Allow with NotAction",
        help: "An Allow statement with NotAction allows every action of every service except the ones listed — including services created after the policy was written. Alibaba's documentation warns that it grants broad access.",
        remedy: "Use Allow with an explicit Action list; to carve out exceptions, add a Deny statement.")
    public static let notResourceWithAllow = FindingCode(
        id: "NotResourceWithAllow", severity: .securityWarning, title: "Allow with NotResource",
        help: "An Allow statement with NotResource allows its actions on every resource except the ones listed, including resources created later. NotResource is also not in Alibaba's current grammar (assumption U7).",
        remedy: "Use Allow with an explicit Resource list; to carve out exceptions, add a Deny statement.")
    public static let serviceWildcard = FindingCode(
        id: "ServiceWildcard", severity: .suggestion, title: "Broad action wildcard",
        help: "An Allow statement grants a whole service (\"vod:*\") or a wildcard that covers many actions (at least 20 VOD actions by default). That is often intended (an administrator of one service), so it is a suggestion: least privilege means listing the actions the identity calls. The message says how many actions the pattern grants.",
        remedy: "Replace the wildcard with the actions the identity needs, e.g. \"vod:SubmitWorkflowJob\".")
    public static let denyNeverMatches = FindingCode(
        id: "DenyNeverMatches", severity: .warning, title: "Deny statement never applies",
        help: "A Deny statement whose actions match no existing action (decidable for VOD, which ramguard has a catalogue of) or whose conditions can never hold never denies anything. The guard its author meant to put in place does not exist.",
        remedy: "Fix the action names or conditions so the Deny covers what it is meant to block.")
    public static let shadowedStatement = FindingCode(
        id: "ShadowedStatement", severity: .suggestion, title: "Statement covered by another Allow",
        help: "Another Allow statement without conditions grants a superset of this statement's actions on a superset of its resources, so this statement changes nothing. When this statement has conditions, they restrict nothing either (reported as a warning), which usually means the other statement is broader than intended. Coverage is decided conservatively (literal names, \"*\", prefixes, and for VOD the catalogue's expansion).",
        remedy: "Remove the redundant statement, or narrow the covering one so the conditions take effect.")
    public static let allowOverriddenByDeny = FindingCode(
        id: "AllowOverriddenByDeny", severity: .warning, title: "Allow cancelled by a Deny",
        help: "A Deny statement without conditions covers every action and resource this Allow statement grants. A Deny always wins in RAM, so the Allow grants nothing.",
        remedy: "Remove the Allow, or narrow the Deny (or give it conditions) if the Allow should take effect.")
    public static let unsatisfiableCondition = FindingCode(
        id: "UnsatisfiableCondition", severity: .warning, title: "Condition can never hold",
        help: "A condition can never be satisfied, e.g. an IP operator on a key that carries a time, or an empty value list. A statement with such a condition never applies: an Allow grants nothing, a Deny blocks nothing.",
        remedy: "Use the operator family that matches the key's type (Date for acs:CurrentTime, IpAddress for acs:SourceIp, Bool for acs:SecureTransport).")
    public static let expiredCondition = FindingCode(
        id: "ExpiredCondition", severity: .warning, title: "Time condition has expired",
        help: "A DateLessThan/DateLessThanEquals/DateEquals condition on acs:CurrentTime only admits times that have passed, so the statement can never apply again. Typical of temporary grants nobody removed.",
        remedy: "Remove the statement (the temporary access is over) or move the date.")
    public static let contradictoryConditions = FindingCode(
        id: "ContradictoryConditions", severity: .warning, title: "Contradictory conditions",
        help: "Two conditions on the same key within one statement cannot both hold (NumericGreaterThan 10 and NumericLessThan 5; DateGreaterThan a time after the DateLessThan; StringEquals a value that StringNotEquals excludes; IpAddress ranges inside the NotIpAddress ones). The statement never applies. Ranges assume the key carries one value in a request, true of every documented global key.",
        remedy: "Fix the bounds or values so that some request can satisfy all conditions.")
    public static let resourceOnAllResourcesAction = FindingCode(
        id: "ResourceOnAllResourcesAction", severity: .warning, title: "ARN on All-Resources actions",
        help: "Every action of the statement is a VOD action, and VOD has no resource-level permission (All Resources): Alibaba's API pages say to write \"*\". How RAM treats a specific ARN on such an action is undocumented (assumption U1); ramguard evaluates the resource \"*\", which the ARN does not match, so the statement may never apply.",
        remedy: "Write \"Resource\": \"*\" for VOD actions.")
    public static let nearSizeLimit = FindingCode(
        id: "NearSizeLimit", severity: .warning, title: "Close to the size limit",
        help: "The document is close to the character limit for its kind (6,144 for identity policies, 2,048 for session policies, 4,096 for control policies; whitespace counts, assumption U9). The next edit may be rejected by RAM.",
        remedy: "Remove whitespace, merge statements, or split the policy in two before it reaches the limit.")
    public static let duplicateAction = FindingCode(
        id: "DuplicateAction", severity: .suggestion, title: "Duplicate action",
        help: "The same action is listed twice in one statement (names compare case-insensitively), or it is already matched by a wildcard of the same list. The entry has no effect.",
        remedy: "Remove the redundant entry.")

    static let lintCodes: [FindingCode] = [
        unknownService, unknownAction, historicalAction, wildcardMatchesNothing, administratorAccess,
        notActionWithAllow, notResourceWithAllow, serviceWildcard, denyNeverMatches, shadowedStatement,
        allowOverriddenByDeny, unsatisfiableCondition, expiredCondition, contradictoryConditions,
        resourceOnAllResourcesAction, nearSizeLimit, duplicateAction,
    ]

    // MARK: The engine's validation codes

    static let engineCodes: [FindingCode] = {
        let table: [(DiagnosticCode, FindingSeverity, String)] = [
            (.jsonSyntaxError, .error, "The document is not valid JSON (RFC 8259): RAM's checker rejects it as \"Json syntax error\". ramguard also rejects duplicate keys, which other parsers resolve silently and differently."),
            (.invalidVersion, .error, "\"Version\" must be the string \"1\", the only policy language version; RAM rejects other values as \"Invalid version\"."),
            (.invalidEffect, .error, "\"Effect\" must be exactly \"Allow\" or \"Deny\"; RAM rejects other values as \"Invalid effect\"."),
            (.missingAction, .error, "A statement needs exactly one of \"Action\" or \"NotAction\" with at least one action; RAM reports \"Missing action\"."),
            (.invalidActionFormat, .error, "Actions are written \"<service-code>:<ActionName>\" or \"*\"; anything else is \"Invalid action format\"."),
            (.invalidARNPrefix, .error, "Resources are \"*\" or ARNs starting with \"acs:\"; RAM reports \"Invalid ARN prefix\"."),
            (.missingARNField, .error, "An ARN has five colon-separated fields, acs:<service-code>:<region>:<account-id>:<relative-id>; RAM reports \"Missing ARN field\"."),
            (.invalidConditionOperator, .error, "Condition operators come from the String, Numeric, Date, Bool and IpAddress families (optionally with IfExists); names are case-sensitive. AWS set qualifiers and Null are not RAM syntax."),
            (.invalidConditionKeyFormat, .error, "Condition keys are written \"<service-code>:<key>\", e.g. \"acs:SourceIp\"; RAM reports \"Invalid condition key format\"."),
            (.invalidConditionMultipleBoolean, .error, "A Bool condition takes exactly one value; RAM reports \"Invalid condition multiple Boolean\"."),
            (.invalidPolicyElement, .error, "The element is not part of the policy grammar (a policy has Version and Statement; a statement Effect, Action/NotAction, Resource, Condition); RAM reports \"Invalid policy element\"."),
            (.dataTypeMismatch, .error, "A value has the wrong JSON type for its element (e.g. a number where the grammar wants a string, or an empty value list); RAM reports \"Data type mismatch\". Non-string condition values are accepted with a warning in lenient mode."),
            (.policySizeExceeded, .error, "The document is longer than its kind allows (6,144 characters for identity policies); RAM refuses to store it."),
            (.missingStatement, .error, "A policy needs a \"Statement\" array with at least one statement."),
            (.missingEffect, .error, "Every statement needs \"Effect\": \"Allow\" or \"Deny\"."),
            (.missingResource, .error, "Identity, session and control policy statements need \"Resource\" (\"*\" for actions without resource-level permission, such as every VOD action)."),
            (.missingPrincipal, .error, "A trust policy statement needs \"Principal\" naming who may assume the role."),
            (.invalidConditionValue, .error, "A condition value is not in its operator family's format (number, ISO 8601 time with offset, true/false, IP address or CIDR); the condition could never be evaluated as meant."),
            (.undocumentedSyntax, .warning, "The document uses syntax Alibaba's grammar does not document (Sid, NotResource, a single-object Statement, a numeric Version, IfExists outside Date). ramguard accepts it leniently with an assumption; --strict and possibly RAM reject it."),
        ]
        return table.map { code, severity, help in
            FindingCode(id: code.id, severity: severity, title: code.name, help: help, remedy: code.remedy, diagnosticCode: code)
        }
    }()
}
