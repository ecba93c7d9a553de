import RAMPolicy

/// The symbol libFuzzer's runtime looks for. It lives outside `main.swift` on purpose (see there).
@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    fuzzOneInput(data, size)
}

/// One fuzz input: arbitrary bytes through the whole policy pipeline.
///
/// 1. `JSONParser.parse(bytes:)` on the raw bytes: exactly one of value and error, every location
///    inside the input.
/// 2. When the bytes are UTF-8, `PolicyValidator.validate` as an identity policy (lenient) and as a
///    session, control or trust policy (strict on even lengths): valid ⇔ no errors, every diagnostic
///    inside the text, a parser error always makes the document invalid.
/// 3. When valid, an `Authorizer` over the policies and a fixed set of requests: the cached
///    `Evaluator` must agree with `Authorizer.evaluate`, and every proof must be a deciding statement.
///
/// A broken invariant traps (`fatalError`), which libFuzzer records as a crash like any other.
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: size > 0 ? data : nil, count: size)

    let parsed = JSONParser().parse(bytes: bytes)
    invariant((parsed.value == nil) != (parsed.error == nil), "parser returned value \(parsed.value != nil), error \(parsed.error != nil)")
    if let error = parsed.error {
        invariant(error.location.offset >= 0 && error.location.offset <= size && error.location.line >= 1 && error.location.column >= 1,
                  "parser error located outside the input: \(error)")
    }
    if let value = parsed.value {
        invariant(value.span.start.offset <= value.span.end.offset && value.span.end.offset <= size, "value span \(value.span)")
    }

    guard let text = utf8(bytes) else { return 0 }
    let identity = validate(text, ValidationOptions(kind: .identity), size: size)
    if parsed.value == nil {
        invariant(!identity.isValid, "the validator accepted what the parser rejected")
    }
    let otherKind: PolicyKind = [.session, .control, .trust][size % 3]
    let other = validate(text, ValidationOptions(kind: otherKind, strict: size % 2 == 0), size: size)

    guard let policy = identity.policy else { return 0 }
    let extra = other.policy.map { [$0] } ?? []
    let authorizer = Authorizer(identity: [policy],
                                session: otherKind == .session ? extra : [],
                                control: otherKind == .control ? extra : [],
                                trust: otherKind == .trust ? extra : [])
    let evaluator = Evaluator(authorizer)
    for request in fixedRequests {
        let truth = authorizer.evaluate(request)
        let decided = evaluator.decide(request)
        invariant(decided == truth.decision, "Evaluator.decide \(decided) vs Authorizer.evaluate \(truth.decision) for \(request.action)")
        let quick = evaluator.decideWithProof(request)
        invariant(quick.decision == truth.decision && quick.deniedBy == truth.deniedBy,
                  "decideWithProof \(quick.decision)/\(String(describing: quick.deniedBy)) vs \(truth.decision)/\(String(describing: truth.deniedBy))")
        for ref in quick.proof {
            guard let match = authorizer.match(for: ref) else { fatalError("proof \(ref) points at no statement") }
            invariant(truth.deciding.contains(match), "proof \(ref) is not a deciding statement")
        }
        invariant(authorizer.decide(request) == truth.decision, "Authorizer.decide disagrees with Authorizer.evaluate")
    }
    return 0
}

func validate(_ text: String, _ options: ValidationOptions, size: Int) -> ValidationResult {
    let result = PolicyValidator(options: options).validate(PolicySource(name: "fuzz.json", text: text))
    invariant(result.isValid == result.errors.isEmpty, "valid=\(result.isValid) with \(result.errors.count) errors")
    for d in result.diagnostics {
        if let span = d.span {
            invariant(span.start.offset <= span.end.offset && span.end.offset <= size && span.start.line >= 1 && span.start.column >= 1,
                      "diagnostic located outside the input: \(d)")
        }
        _ = d.description
    }
    if let policy = result.policy {
        invariant(policy.statements.count == result.statementCount, "statement count")
    }
    return result
}

/// The bytes as a String when they are well-formed UTF-8 (decoding replaces bad sequences, so a
/// lossless round trip means they were valid).
func utf8(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    let s = String(decoding: bytes, as: UTF8.self)
    return s.utf8.elementsEqual(bytes) ? s : nil
}

@inline(__always)
func invariant(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("fuzz invariant broken: \(message())") }
}

/// Requests that exercise every condition family, an ARN resource, and a trust-policy principal.
let fixedRequests: [Request] = {
    var full = RequestContext()
    full.add("acs:SourceIp", value: "203.0.113.7")
    full.add("acs:SecureTransport", value: "true")
    full.add("acs:MFAPresent", value: "false")
    full.add("acs:CurrentTime", value: "2026-12-15T10:00:00+08:00")
    full.add("acs:PrincipalARN", value: "acs:ram::1234567890123456:role/ci")
    full.add("acs:RequestTag/team", values: ["team-a", "Team-B"])
    full.add("oss:MaxKeys", value: "100")
    var v6 = RequestContext()
    v6.add("ACS:SOURCEIP", value: "2001:db8:cafe::17")
    v6.add("acs:currenttime", value: "2027-01-01T00:00:00Z")
    return [
        Request(action: "vod:SubmitWorkflowJob", resource: "*", context: full),
        Request(action: "vod:GetVideoInfo", resource: "acs:vod:cn-shanghai:1234567890123456:*", context: v6),
        Request(action: "ecs:DescribeInstances", resource: "acs:ecs:cn-hangzhou:1234567890123456:instance/i-abc", context: full),
        Request(action: "oss:GetObject", resource: "acs:oss:*:1234567890123456:mybucket/dir1/object1.jpg"),
        Request(action: "sts:AssumeRole", resource: "acs:ram::1234567890123456:role/vod-pipeline", context: full,
                principal: PrincipalRef(parsing: "acs:ram::1234567890123456:user/ci-bot")),
        Request(action: "sts:AssumeRole", resource: "acs:ram::1234567890123456:role/vod-pipeline",
                principal: PrincipalRef(parsing: "ecs.aliyuncs.com")),
    ]
}()
