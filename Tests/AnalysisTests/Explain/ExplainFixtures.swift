import Analysis
import RAMPolicy
import Testing

/// Validates `json` and returns the policy, failing the test when it is invalid.
func makePolicy(_ json: String, kind: PolicyKind = .identity, name: String = "p.json",
                sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Policy {
    let result = PolicyValidator(options: ValidationOptions(kind: kind)).validate(PolicySource(name: name, text: json))
    return try #require(result.policy, "invalid: \(result.diagnostics)", sourceLocation: sourceLocation)
}

/// A one-statement policy document.
func statementJSON(effect: String = "Allow", action: String = "\"vod:SubmitWorkflowJob\"", resource: String = "\"*\"",
                   condition: String? = nil) -> String {
    let c = condition.map { ", \"Condition\": \($0)" } ?? ""
    return """
    {"Version": "1", "Statement": [{"Effect": "\(effect)", "Action": \(action), "Resource": \(resource)\(c)}]}
    """
}

/// An identity with one Allow statement on vod:SubmitWorkflowJob under `condition`.
func allowWhen(_ condition: String, name: String = "allow.json") throws -> Policy {
    try makePolicy(statementJSON(condition: condition), name: name)
}

func denyWhen(_ condition: String?, name: String = "deny.json", action: String = "\"vod:SubmitWorkflowJob\"") throws -> Policy {
    try makePolicy(statementJSON(effect: "Deny", action: action, condition: condition), name: name)
}

let submit = "vod:SubmitWorkflowJob"

func context(_ pairs: [String: [String]]) -> RequestContext {
    RequestContext(pairs.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
}

func engineAllows(_ layers: PolicyLayers, _ action: String = submit, _ ctx: RequestContext, resource: String = "*") -> Bool {
    Authorizer(identity: layers.identity, session: layers.session, control: layers.control)
        .evaluate(Request(action: action, resource: resource, context: ctx)).decision == .allow
}

/// Checks the explanation against the engine on every context: the verdict's promise, the
/// described region (allowedWhen minus exceptions), and the confirmed examples.
func expectAgreement(_ e: AccessExplanation, _ layers: PolicyLayers, _ contexts: [RequestContext],
                     resource: String = "*", sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    #expect(e.verdict != .undecidable, "undecidable: \(e.undecidableReasons)", sourceLocation: sourceLocation)
    #expect(e.examplesConfirmed, "examples not confirmed: \(e.summary)", sourceLocation: sourceLocation)
    for ctx in contexts {
        let engine = engineAllows(layers, e.action, ctx, resource: resource)
        let described = e.describesAllowed(ctx)
        #expect(described == engine, "context \(ctx.entries.map { "\($0.key)=\($0.values)" }) engine \(engine), analysis \(String(describing: described)); \(e.summary)",
                sourceLocation: sourceLocation)
    }
}

/// Contexts over the given keys: every combination of "absent" and each single value, plus pairs of
/// values for multi-valued requests.
func contexts(_ pools: [String: [String]], pairs: Bool = true) -> [RequestContext] {
    var out: [[String: [String]]] = [[:]]
    for (key, pool) in pools.sorted(by: { $0.key < $1.key }) {
        var options: [[String]?] = [nil] + pool.map { [$0] }
        if pairs, pool.count >= 2 {
            for i in 0..<pool.count { options.append([pool[i], pool[(i + 1) % pool.count]]) }
        }
        out = out.flatMap { base in options.map { o in
            var c = base
            if let o { c[key] = o }
            return c
        } }
    }
    return out.map(context)
}
