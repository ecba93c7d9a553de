import RAMPolicy
import Testing

/// Validates `json` and returns the policy, failing the test when it is invalid.
func makePolicy(_ json: String, kind: PolicyKind = .identity, name: String = "p.json",
                sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Policy {
    let result = PolicyValidator(options: ValidationOptions(kind: kind)).validate(PolicySource(name: name, text: json))
    let policy = try #require(result.policy, "invalid: \(result.diagnostics)", sourceLocation: sourceLocation)
    return policy
}

func validate(_ json: String, kind: PolicyKind = .identity, strict: Bool = false) -> ValidationResult {
    PolicyValidator(options: ValidationOptions(kind: kind, strict: strict)).validate(PolicySource(name: "p.json", text: json))
}

/// A one-statement policy.
func statementPolicy(effect: String = "Allow", action: String = "\"vod:SubmitWorkflowJob\"", resource: String = "\"*\"",
                     condition: String? = nil, extra: String = "") -> String {
    let c = condition.map { ", \"Condition\": \($0)" } ?? ""
    return """
    {"Version": "1", "Statement": [{"Effect": "\(effect)", "Action": \(action), "Resource": \(resource)\(c)\(extra)}]}
    """
}

func request(_ action: String = "vod:SubmitWorkflowJob", resource: String = "*", _ context: [(String, [String])] = []) -> Request {
    Request(action: action, resource: resource, context: RequestContext(context))
}

func request(_ context: [(String, [String])]) -> Request {
    request("vod:SubmitWorkflowJob", context)
}

func decide(_ policies: [String], _ r: Request = request()) throws -> Decision {
    let ps = try policies.map { try makePolicy($0) }
    return Authorizer(identity: ps).evaluate(r).decision
}

