/// A stable identifier for a kind of policy problem, with the name Alibaba's policy checker uses.
///
/// `id` is what scripts match on; `name` is the checker's wording (RAM console "Validate policies"),
/// so users can look the problem up in Alibaba's documentation.
public struct DiagnosticCode: Sendable, Hashable, CustomStringConvertible {
    public var id: String
    public var name: String
    /// What to do about it, in general terms (messages add the specifics).
    public var remedy: String

    public init(id: String, name: String, remedy: String) {
        self.id = id
        self.name = name
        self.remedy = remedy
    }

    public var description: String { id }

    // Codes named after the checker's documented errors.
    public static let jsonSyntaxError = DiagnosticCode(
        id: "JsonSyntaxError", name: "Json syntax error",
        remedy: "Fix the JSON syntax at the position shown (RFC 8259: no comments, no trailing commas, no duplicate keys).")
    public static let invalidVersion = DiagnosticCode(
        id: "InvalidVersion", name: "Invalid version", remedy: "Set \"Version\" to the string \"1\".")
    public static let invalidEffect = DiagnosticCode(
        id: "InvalidEffect", name: "Invalid effect", remedy: "Set \"Effect\" to \"Allow\" or \"Deny\".")
    public static let missingAction = DiagnosticCode(
        id: "MissingAction", name: "Missing action",
        remedy: "Give the statement exactly one of \"Action\" or \"NotAction\" with at least one action.")
    public static let invalidActionFormat = DiagnosticCode(
        id: "InvalidActionFormat", name: "Invalid action format",
        remedy: "Write actions as \"<service-code>:<ActionName>\" (for example \"vod:SubmitWorkflowJob\") or \"*\".")
    public static let invalidARNPrefix = DiagnosticCode(
        id: "InvalidARNPrefix", name: "Invalid ARN prefix",
        remedy: "Write resources as \"*\" or as an ARN starting with \"acs:\".")
    public static let missingARNField = DiagnosticCode(
        id: "MissingARNField", name: "Missing ARN field",
        remedy: "Write the ARN with five fields: acs:<service-code>:<region>:<account-id>:<relative-id>.")
    public static let invalidConditionOperator = DiagnosticCode(
        id: "InvalidConditionOperator", name: "Invalid condition operator",
        remedy: "Use one of the documented String*, Numeric*, Date*, Bool, IpAddress and NotIpAddress operators (optionally with the IfExists suffix).")
    public static let invalidConditionKeyFormat = DiagnosticCode(
        id: "InvalidConditionKeyFormat", name: "Invalid condition key format",
        remedy: "Write condition keys as \"<service-code>:<key>\", for example \"acs:SourceIp\".")
    public static let invalidConditionMultipleBoolean = DiagnosticCode(
        id: "InvalidConditionMultipleBoolean", name: "Invalid condition multiple Boolean",
        remedy: "Give a Bool condition exactly one value, \"true\" or \"false\".")
    public static let invalidPolicyElement = DiagnosticCode(
        id: "InvalidPolicyElement", name: "Invalid policy element",
        remedy: "Remove the element; policies accept Version and Statement, statements accept Effect, Action/NotAction, Resource and Condition.")
    public static let dataTypeMismatch = DiagnosticCode(
        id: "DataTypeMismatch", name: "Data type mismatch",
        remedy: "Give the element the JSON type the policy grammar expects.")
    public static let policySizeExceeded = DiagnosticCode(
        id: "PolicySizeExceeded", name: "Policy size exceeded",
        remedy: "Shorten the document (remove whitespace, merge statements) or split it into several policies.")
    // ramguard's own codes, for problems the checker's published list does not name.
    public static let missingStatement = DiagnosticCode(
        id: "MissingStatement", name: "Missing statement",
        remedy: "Add a \"Statement\" array with at least one statement.")
    public static let missingEffect = DiagnosticCode(
        id: "MissingEffect", name: "Invalid effect", remedy: "Add \"Effect\": \"Allow\" or \"Effect\": \"Deny\".")
    public static let missingResource = DiagnosticCode(
        id: "MissingResource", name: "Missing resource",
        remedy: "Add \"Resource\": \"*\" (or the ARNs the statement is about).")
    public static let missingPrincipal = DiagnosticCode(
        id: "MissingPrincipal", name: "Missing principal",
        remedy: "A trust policy statement needs \"Principal\" with RAM, Service or Federated entries.")
    public static let invalidConditionValue = DiagnosticCode(
        id: "InvalidConditionValue", name: "Invalid condition value",
        remedy: "Write the value in the operator family's format: a decimal number, an ISO 8601 time such as 2026-01-01T00:00:00Z, \"true\"/\"false\", or an IPv4/IPv6 address or CIDR block.")
    public static let undocumentedSyntax = DiagnosticCode(
        id: "UndocumentedSyntax", name: "Undocumented syntax",
        remedy: "Use the documented form; ramguard accepts this leniently but --strict (and possibly RAM) rejects it.")
}
