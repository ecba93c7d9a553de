import AlibabaCloud
import Foundation
import RAMPolicy
import VOD

/// Walks the configuration JSON (parsed with ramguard's located JSON parser, so every problem has a line
/// and column), collecting every problem rather than stopping at the first.
struct ConfigurationReader {
    static let maximumLatency = 600_000

    let file: String
    let baseDirectory: String
    var problems: [EmulatorConfigurationError.Problem] = []

    init(file: String, baseDirectory: String) {
        self.file = file
        self.baseDirectory = baseDirectory
    }

    mutating func problem(_ path: String, _ span: SourceSpan?, _ message: String) {
        problems.append(.init(path: path, line: span?.start.line, column: span?.start.column, message: message))
    }

    mutating func read(_ text: String) -> EmulatorConfiguration? {
        let parsed = JSONParser().parse(text)
        for duplicate in parsed.duplicateKeys {
            problem("", duplicate.span, "duplicate key \"\(duplicate.key)\" (first at \(duplicate.firstSpan.start))")
        }
        guard let root = parsed.value else {
            let error = parsed.error ?? JSONSyntaxError(message: "not JSON", location: .start)
            problem("", SourceSpan(start: error.location, end: error.location), "not valid JSON: \(error.message)")
            return nil
        }
        guard let members = root.members else {
            problem("", root.span, "the configuration must be a JSON object, found \(root.typeName)")
            return nil
        }
        checkKeys(members, allowed: ["identities", "workflows", "faults", "regionId", "defaultFormat"], path: "")

        var identities: [EmulatorIdentity] = []
        if let value = root["identities"] {
            identities = readIdentities(value)
        } else {
            problem("identities", root.span, "missing; list the callers the emulator accepts")
        }
        var workflows: [String] = []
        if let value = root["workflows"] {
            workflows = readWorkflows(value)
        } else {
            problem("workflows", root.span, "missing; list the workflow IDs that exist (an empty list is allowed)")
        }
        var faults: [FaultRule] = []
        if let value = root["faults"] {
            faults = readFaults(value)
        }
        var regionId = "cn-shanghai"
        if let value = root["regionId"] {
            if let text = string(value, "regionId") {
                if VODEndpoints.isWellFormedRegionId(text) {
                    regionId = text
                } else {
                    problem("regionId", value.span, "\"\(text)\" is not a region ID such as cn-shanghai")
                }
            }
        }
        var format = ResponseFormat.json
        if let value = root["defaultFormat"], let text = string(value, "defaultFormat") {
            if let parsed = ResponseFormat(parameterValue: text) {
                format = parsed
            } else {
                problem("defaultFormat", value.span, "must be \"JSON\" or \"XML\", found \"\(text)\"")
            }
        }
        return EmulatorConfiguration(identities: identities, workflows: workflows, faults: faults,
                                     regionId: regionId, defaultFormat: format)
    }

    // MARK: Identities

    mutating func readIdentities(_ value: JSONValue) -> [EmulatorIdentity] {
        guard case .array(let elements) = value.kind else {
            problem("identities", value.span, "must be an array of identity objects, found \(value.typeName)")
            return []
        }
        if elements.isEmpty {
            problem("identities", value.span, "is empty; the emulator needs at least one identity to accept any request")
        }
        var identities: [EmulatorIdentity] = []
        var firstIndex: [String: Int] = [:]
        for (index, element) in elements.enumerated() {
            let path = "identities[\(index)]"
            guard let identity = readIdentity(element, path: path) else { continue }
            if let first = firstIndex[identity.accessKeyId] {
                problem("\(path).accessKeyId", element["accessKeyId"]?.span,
                        "\(KeyMasking.mask(identity.accessKeyId)) is already used by identities[\(first)]")
                continue
            }
            firstIndex[identity.accessKeyId] = index
            identities.append(identity)
        }
        return identities
    }

    mutating func readIdentity(_ value: JSONValue, path: String) -> EmulatorIdentity? {
        guard let members = value.members else {
            problem(path, value.span, "must be an object, found \(value.typeName)")
            return nil
        }
        checkKeys(members, allowed: [
            "accessKeyId", "accessKeySecret", "securityToken", "securityTokenExpiration", "policies",
            "sessionPolicy", "principalType", "accountId", "displayName",
        ], path: path)
        let before = problems.count
        let accessKeyId = requiredString(value, "accessKeyId", path: path)
        if let accessKeyId, accessKeyId.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value >= 0x7F }) {
            problem("\(path).accessKeyId", value["accessKeyId"]?.span, "must be printable ASCII without spaces")
        }
        // The secret and token are never quoted in messages: only their path.
        let secret = requiredString(value, "accessKeySecret", path: path)
        var token: String?
        if let tokenValue = value["securityToken"] {
            token = string(tokenValue, "\(path).securityToken")
            if token?.isEmpty == true {
                problem("\(path).securityToken", tokenValue.span, "is empty; omit it for a long-term AccessKey")
            }
        }
        var expiration: Date?
        if let expiryValue = value["securityTokenExpiration"], let text = string(expiryValue, "\(path).securityTokenExpiration") {
            if token == nil {
                problem("\(path).securityTokenExpiration", expiryValue.span, "is set but there is no securityToken")
            }
            if let date = SigningTimestamp.date(from: text) {
                expiration = date
            } else {
                problem("\(path).securityTokenExpiration", expiryValue.span, "\"\(text)\" is not UTC ISO 8601 such as 2030-01-01T00:00:00Z")
            }
        }
        var policies: [Policy] = []
        if let policiesValue = value["policies"] {
            if case .array(let elements) = policiesValue.kind {
                for (index, element) in elements.enumerated() {
                    let policyPath = "\(path).policies[\(index)]"
                    if let file = string(element, policyPath), let policy = loadPolicy(file, kind: .identity, path: policyPath, span: element.span) {
                        policies.append(policy)
                    }
                }
            } else {
                problem("\(path).policies", policiesValue.span, "must be an array of policy file paths, found \(policiesValue.typeName)")
            }
        } else {
            problem("\(path).policies", value.span, "missing; list the identity policy files (an empty list denies everything)")
        }
        var sessionPolicy: Policy?
        if let sessionValue = value["sessionPolicy"], let file = string(sessionValue, "\(path).sessionPolicy") {
            if token == nil {
                problem("\(path).sessionPolicy", sessionValue.span,
                        "a session policy applies only to an STS role session; give the identity a securityToken too")
            }
            sessionPolicy = loadPolicy(file, kind: .session, path: "\(path).sessionPolicy", span: sessionValue.span)
        }
        var principalType: String?
        if let typeValue = value["principalType"], let text = string(typeValue, "\(path).principalType") {
            let known = [AccessDeniedDetail.PrincipalType.subUser, AccessDeniedDetail.PrincipalType.assumedRoleUser,
                         AccessDeniedDetail.PrincipalType.federated]
            if known.contains(text) {
                principalType = text
            } else {
                problem("\(path).principalType", typeValue.span, "must be one of \(known.joined(separator: ", ")), found \"\(text)\"")
            }
        }
        var accountId: String?
        if let accountValue = value["accountId"], let text = string(accountValue, "\(path).accountId") {
            if !text.isEmpty && text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
                accountId = text
            } else {
                problem("\(path).accountId", accountValue.span, "must be the account UID in digits, found \"\(text)\"")
            }
        }
        var displayName: String?
        if let nameValue = value["displayName"] {
            displayName = string(nameValue, "\(path).displayName")
        }
        guard problems.count == before, let accessKeyId, let secret else { return nil }
        return EmulatorIdentity(
            accessKeyId: accessKeyId, accessKeySecret: secret, securityToken: token,
            securityTokenExpiration: expiration, policies: policies, sessionPolicy: sessionPolicy,
            principalType: principalType, accountId: accountId, displayName: displayName)
    }

    /// Reads and validates one policy file; problems are reported at the config path that names it.
    mutating func loadPolicy(_ file: String, kind: PolicyKind, path: String, span: SourceSpan) -> Policy? {
        guard !file.isEmpty else {
            problem(path, span, "is an empty path")
            return nil
        }
        let resolved = file.hasPrefix("/") ? file : URL(fileURLWithPath: baseDirectory).appendingPathComponent(file).path
        let text: String
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: resolved))
            guard let decoded = String(data: data, encoding: .utf8) else {
                problem(path, span, "the policy file \(resolved) is not UTF-8 text")
                return nil
            }
            text = decoded
        } catch {
            problem(path, span, "cannot read the policy file \(resolved): \((error as NSError).localizedDescription)")
            return nil
        }
        let result = PolicyValidator(options: ValidationOptions(kind: kind)).validate(PolicySource(name: file, text: text))
        guard let policy = result.policy else {
            let details = result.errors.map { "\n      \($0)" }.joined()
            problem(path, span, "the \(kind.rawValue) policy \(resolved) is not valid (\(result.errors.count) error\(result.errors.count == 1 ? "" : "s")):\(details)")
            return nil
        }
        return policy
    }

    // MARK: Workflows and faults

    mutating func readWorkflows(_ value: JSONValue) -> [String] {
        guard case .array(let elements) = value.kind else {
            problem("workflows", value.span, "must be an array of workflow IDs, found \(value.typeName)")
            return []
        }
        var workflows: [String] = []
        for (index, element) in elements.enumerated() {
            let path = "workflows[\(index)]"
            guard let id = string(element, path) else { continue }
            if id.isEmpty || id.unicodeScalars.contains(where: { $0.properties.isWhitespace }) {
                problem(path, element.span, "\"\(id)\" is not a workflow ID (empty or has whitespace)")
            } else if workflows.contains(id) {
                problem(path, element.span, "\"\(id)\" is listed twice")
            } else {
                workflows.append(id)
            }
        }
        return workflows
    }

    mutating func readFaults(_ value: JSONValue) -> [FaultRule] {
        guard case .array(let elements) = value.kind else {
            problem("faults", value.span, "must be an array of fault objects, found \(value.typeName)")
            return []
        }
        var faults: [FaultRule] = []
        for (index, element) in elements.enumerated() {
            if let fault = readFault(element, path: "faults[\(index)]") { faults.append(fault) }
        }
        return faults
    }

    mutating func readFault(_ value: JSONValue, path: String) -> FaultRule? {
        guard let members = value.members else {
            problem(path, value.span, "must be an object, found \(value.typeName)")
            return nil
        }
        checkKeys(members, allowed: ["match", "kind", "count", "latencyMs", "retryAfterMs"], path: path)
        let before = problems.count
        var kind: FaultRule.Kind?
        if let text = requiredString(value, "kind", path: path) {
            kind = FaultRule.Kind(rawValue: text)
            if kind == nil {
                problem("\(path).kind", value["kind"]?.span,
                        "\"\(text)\" is not a fault kind; use one of \(FaultRule.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        var workflowId: String?
        var accessKeyId: String?
        if let match = value["match"] {
            if let matchMembers = match.members {
                checkKeys(matchMembers, allowed: ["workflowId", "accessKeyId"], path: "\(path).match")
                if let w = match["workflowId"] { workflowId = string(w, "\(path).match.workflowId") }
                if let k = match["accessKeyId"] { accessKeyId = string(k, "\(path).match.accessKeyId") }
            } else {
                problem("\(path).match", match.span, "must be an object such as {\"workflowId\": \"…\"}, found \(match.typeName)")
            }
        }
        var count: Int?
        if let countValue = value["count"] {
            count = integer(countValue, "\(path).count", range: 1...1_000_000_000)
        }
        var latency = 0
        if let latencyValue = value["latencyMs"] {
            if kind != nil, kind != .latency {
                problem("\(path).latencyMs", latencyValue.span, "applies only to kind \"latency\"")
            }
            latency = integer(latencyValue, "\(path).latencyMs", range: 0...Self.maximumLatency) ?? 0
        } else if kind == .latency {
            problem("\(path).latencyMs", value.span, "missing; a latency fault needs latencyMs")
        }
        var retryAfter: Int?
        if let retryValue = value["retryAfterMs"] {
            if kind != nil, kind != .throttling {
                problem("\(path).retryAfterMs", retryValue.span, "applies only to kind \"throttling\"")
            }
            retryAfter = integer(retryValue, "\(path).retryAfterMs", range: 1...3_600_000)
        }
        guard problems.count == before, let kind else { return nil }
        return FaultRule(kind: kind, workflowId: workflowId, accessKeyId: accessKeyId, count: count,
                         latencyMilliseconds: latency, retryAfterMilliseconds: retryAfter)
    }

    // MARK: Helpers

    mutating func checkKeys(_ members: [JSONMember], allowed: [String], path: String) {
        for member in members where !allowed.contains(member.key) {
            let near = allowed.first { $0.lowercased() == member.key.lowercased() }
            let hint = near.map { "; did you mean \"\($0)\"?" } ?? "; allowed: \(allowed.joined(separator: ", "))"
            problem(path.isEmpty ? member.key : "\(path).\(member.key)", member.keySpan, "unknown field\(hint)")
        }
    }

    mutating func string(_ value: JSONValue, _ path: String) -> String? {
        guard let text = value.stringValue else {
            problem(path, value.span, "must be a string, found \(value.typeName)")
            return nil
        }
        return text
    }

    mutating func requiredString(_ object: JSONValue, _ key: String, path: String) -> String? {
        guard let value = object[key] else {
            problem("\(path).\(key)", object.span, "missing")
            return nil
        }
        guard let text = string(value, "\(path).\(key)") else { return nil }
        if text.isEmpty {
            problem("\(path).\(key)", value.span, "is empty")
            return nil
        }
        return text
    }

    mutating func integer(_ value: JSONValue, _ path: String, range: ClosedRange<Int>) -> Int? {
        guard case .number(let literal) = value.kind, let number = Int(literal) else {
            problem(path, value.span, "must be a whole number, found \(value.typeName == "number" ? "a fraction" : value.typeName)")
            return nil
        }
        guard range.contains(number) else {
            problem(path, value.span, "must be between \(range.lowerBound) and \(range.upperBound), found \(number)")
            return nil
        }
        return number
    }
}
