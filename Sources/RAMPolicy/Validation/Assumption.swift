/// A reading of Alibaba's documentation that a result depends on, where the documentation is uncertain.
///
/// ramguard never hides these: every decision lists the ones it relied on, so that a user can judge
/// how far to trust it. The ids follow the uncertainty register of ramguard's reference notes.
public struct Assumption: Sendable, Hashable {
    public struct Kind: Sendable, Hashable {
        public var id: String
        public var title: String
        public var reading: String

        public static let resourcePatternOnAllResourcesAction = Kind(
            id: "U1", title: "ARN patterns on All-Resources actions",
            reading: "For an action without resource-level permission RAM evaluates the resource \"*\"; a statement whose Resource is an ARN pattern (not only wildcards) is taken not to match it.")
        public static let missingKeyUnderNegatedOperator = Kind(
            id: "U2", title: "Missing key under a negated operator",
            reading: "A negated operator (StringNotEquals, NotIpAddress, …) whose key is absent from the request is taken to be satisfied (AWS-compatible reading; Alibaba does not document it).")
        public static let negatedOperatorSeveralValues = Kind(
            id: "U3", title: "Negated operator with several values",
            reading: "A negated operator with several values is satisfied only when the request value matches none of them (NOR).")
        public static let ifExistsOutsideDate = Kind(
            id: "U4", title: "IfExists outside the Date family",
            reading: "The IfExists suffix is documented for Date operators only; ramguard applies it to every family: satisfied when the key is absent, otherwise the base operator decides.")
        public static let lenientSyntax = Kind(
            id: "U5", title: "Undocumented syntax accepted",
            reading: "Sid, a single-object Statement and a numeric Version are not in Alibaba's grammar; ramguard accepts them in lenient mode (Sid ignored, the object wrapped in an array, 1 read as \"1\"). --strict rejects them.")
        public static let actionCaseInsensitive = Kind(
            id: "U6", title: "Case-insensitive action matching",
            reading: "Actions are documented as not case-sensitive \"in most cases\"; ramguard matches every action case-insensitively.")
        public static let notResource = Kind(
            id: "U7", title: "NotResource",
            reading: "NotResource appears only in an old version of the grammar; ramguard reads it as \"every resource except those listed\".")
        public static let sizeCounting = Kind(
            id: "U9", title: "Counting the 6,144-character limit",
            reading: "The limit is counted in characters (Unicode scalars) of the raw document, whitespace included.")
        public static let multiValuedRequestKey = Kind(
            id: "U13", title: "Multi-valued request keys",
            reading: "When the request carries several values for one key, a non-negated operator is satisfied if any request value matches any policy value; a negated one if no request value matches any policy value.")
        public static let wildcardInIPAddress = Kind(
            id: "U14", title: "Wildcards in IP address values",
            reading: "An old VOD guide allows * inside acs:SourceIp values; ramguard matches such a value as a glob over the textual address.")
        public static let keyNameCaseInsensitive = Kind(
            id: "U15", title: "Case-insensitive condition key names",
            reading: "Condition key names are looked up case-insensitively (Alibaba's docs spell acs:PrincipalARN and acs:PrincipalArn).")
    }

    public var kind: Kind
    /// What exactly in this policy or request made the assumption matter.
    public var detail: String
    public var file: String?
    public var span: SourceSpan?
    public var path: String?

    public init(kind: Kind, detail: String, file: String? = nil, span: SourceSpan? = nil, path: String? = nil) {
        self.kind = kind
        self.detail = detail
        self.file = file
        self.span = span
        self.path = path
    }
}
