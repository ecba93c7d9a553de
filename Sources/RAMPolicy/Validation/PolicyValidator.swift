/// Turns policy text into a validated ``Policy``, reporting every problem with its location.
///
/// Mirrors the checks of Alibaba's policy checker (RAM console "Validate policies") and names its
/// errors the same way; where Alibaba's grammar is silent it follows the reading recommended in
/// ramguard's reference notes and records an ``Assumption``. It never stops at the first problem:
/// one file with several problems reports all of them.
public struct PolicyValidator: Sendable {
    public var options: ValidationOptions
    public var parserLimits: JSONParserLimits

    public init(options: ValidationOptions = ValidationOptions(), parserLimits: JSONParserLimits = .default) {
        self.options = options
        self.parserLimits = parserLimits
    }

    /// Unicode scalars in `bytes`: UTF-8 bytes that do not continue a sequence (`10xxxxxx`), counted
    /// eight bytes at a time.
    static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        let n = bytes.count
        var continuation = 0
        var i = 0
        while i + 8 <= n {
            // Per-byte counters (one bit each per word, summed for up to 255 words), added up across the
            // bytes with one multiplication: baseline x86-64 has no popcount instruction.
            var lanes: UInt64 = 0
            var k = 0
            while k < 255 && i + 8 <= n {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                // Bit 7 of each byte set and bit 6 clear: a continuation byte.
                lanes &+= (w & ~(w << 1) & 0x8080_8080_8080_8080) >> 7
                i += 8
                k += 1
            }
            // Byte lanes to 16-bit lanes (each ≤ 510), then their sum (≤ 2,040) in the top 16 bits.
            let pairs = (lanes & 0x00FF_00FF_00FF_00FF) &+ ((lanes >> 8) & 0x00FF_00FF_00FF_00FF)
            continuation += Int((pairs &* 0x0001_0001_0001_0001) >> 48)
        }
        while i < n {
            if base[i] & 0xC0 == 0x80 { continuation += 1 }
            i += 1
        }
        return n - continuation
    }

    public func validate(_ source: PolicySource) -> ValidationResult {
        var text = source.text
        // The tape points into the text's bytes, so the whole walk happens while they are borrowed.
        return text.withUTF8 { validate(source, bytes: $0) }
    }

    private func validate(_ source: PolicySource, bytes: UnsafeBufferPointer<UInt8>) -> ValidationResult {
        var context = Context(file: source.name, options: options)
        context.texts = TextInterner.take()
        defer { TextInterner.put(context.texts) }
        let (tape, parseError, duplicates) = JSONParser(limits: parserLimits).parseTape(bytes: bytes, reusing: JSONTape.takeStorage())
        // The policy holds no part of the tape, so its nodes can serve the thread's next document.
        defer { JSONTape.putStorage(tape.storage) }
        // A parsed document's scalars are known from the scan (see `Scanner.allContinuationBytes`).
        let characters = parseError == nil ? bytes.count - tape.continuationBytes : Self.scalarCount(bytes)
        for duplicate in duplicates {
            context.error(.jsonSyntaxError,
                "duplicate key \"\(duplicate.key)\" (first written at \(duplicate.firstSpan.start))",
                duplicate.span, .root)
        }
        if characters > options.kind.characterLimit {
            context.error(.policySizeExceeded,
                "the document has \(characters) characters; \(options.kind.article) \(options.kind.rawValue) policy may have at most \(options.kind.characterLimit)",
                nil, .root)
            context.assume(.sizeCounting, "counted \(characters) characters, whitespace included", nil, .root)
        }
        if let error = parseError {
            context.error(.jsonSyntaxError, error.message, SourceSpan(start: error.location, end: error.location), .root)
            return context.result(policy: nil, characters: characters, statements: 0)
        }
        let statements = tape.withView(bytes: bytes) { context.document(TapeValue(tape: $0, index: 0)) }
        let policy = context.hasErrors
            ? nil
            : Policy(source: source, kind: options.kind, statements: statements, characterCount: characters)
        return context.result(policy: policy, characters: characters, statements: statements.count)
    }
}

/// Accumulates diagnostics while walking one document.
private struct Context {
    let file: String
    let options: ValidationOptions
    var diagnostics: [PolicyDiagnostic] = []
    var assumptions: [Assumption] = []
    var hasErrors = false
    var errorCount = 0
    /// Value texts, shared by equal values (the thread's ``TextInterner``, lent to this document).
    var texts = TextInterner()

    init(file: String, options: ValidationOptions) {
        self.file = file
        self.options = options
    }

    func result(policy: Policy?, characters: Int, statements: Int) -> ValidationResult {
        // Document order, so a reader can walk the file top to bottom; whole-document problems first.
        let ordered = diagnostics.enumerated().sorted { a, b in
            let x = a.element.span?.start.offset ?? -1
            let y = b.element.span?.start.offset ?? -1
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
        return ValidationResult(policy: policy, diagnostics: ordered, assumptions: assumptions,
                         characterCount: characters, statementCount: statements)
    }

    mutating func error(_ code: DiagnosticCode, _ message: String, _ span: SourceSpan?, _ path: PolicyPath) {
        hasErrors = true
        errorCount += 1
        diagnostics.append(PolicyDiagnostic(severity: .error, code: code, message: message, file: file, span: span, path: path.description))
    }

    mutating func warning(_ code: DiagnosticCode, _ message: String, _ span: SourceSpan?, _ path: PolicyPath) {
        diagnostics.append(PolicyDiagnostic(severity: .warning, code: code, message: message, file: file, span: span, path: path.description))
    }

    mutating func assume(_ kind: Assumption.Kind, _ detail: String, _ span: SourceSpan?, _ path: PolicyPath) {
        assumptions.append(Assumption(kind: kind, detail: detail, file: file, span: span, path: path.description))
    }

    /// Undocumented syntax: an error in strict mode, otherwise a warning plus an assumption.
    mutating func undocumented(_ kind: Assumption.Kind, _ message: String, _ span: SourceSpan?, _ path: PolicyPath) {
        if options.strict {
            error(.undocumentedSyntax, "\(message) (rejected by --strict)", span, path)
        } else {
            warning(.undocumentedSyntax, message, span, path)
            assume(kind, message, span, path)
        }
    }

    func join(_ path: PolicyPath, _ key: String) -> PolicyPath { path.key(key) }

    /// The text of a `string`, `key` or `number` node: decoded escaped strings as the scanner made
    /// them, other texts through the interner.
    @inline(__always)
    mutating func text(_ tape: TapeView, _ index: Int) -> String {
        let n = tape.nodes[index]
        if n.string >= 0 {
            texts.forgetLast()
            return tape.strings[Int(n.string)]
        }
        let r = TapeView.content(n)
        return texts.text(tape.bytes, offset: r.lowerBound, count: r.count)
    }

    // MARK: Document

    mutating func document(_ root: TapeValue) -> [Statement] {
        guard case .object(let members) = root.kind else {
            error(.dataTypeMismatch, "a policy must be a JSON object, found \(root.typeName)", root.span, .root)
            return []
        }
        var version: TapeValue?
        var statementValue: TapeValue?
        for member in members {
            if member.keyIs("Version") {
                version = version ?? member.value
            } else if member.keyIs("Statement") {
                statementValue = statementValue ?? member.value
            } else {
                error(.invalidPolicyElement,
                      "\"\(member.key)\" is not a policy element; a policy has only \"Version\" and \"Statement\"",
                      member.keySpan, .root.key(member.key))
            }
        }
        checkVersion(version, documentSpan: root.span)
        guard let statementValue else {
            error(.missingStatement, "the policy has no \"Statement\"", SourceSpan(start: root.span.start, end: root.span.start), .root)
            return []
        }
        switch statementValue.kind {
        case .array(let elements):
            if elements.isEmpty {
                error(.missingStatement, "\"Statement\" is empty; a policy needs at least one statement", statementValue.span, .root.key(code: PathName.statement))
            }
            return Array(unsafeUninitializedCapacity: elements.count) { buffer, made in
                for (i, element) in elements.enumerated() {
                    let path = PolicyPath.root.key(code: PathName.statement).index(i)
                    if statement(element, index: i, path: path, at: buffer.baseAddress! + made) { made += 1 }
                }
            }
        case .object:
            undocumented(.lenientSyntax,
                         "\"Statement\" is a single object; Alibaba's grammar writes it as an array of statements",
                         statementValue.span, .root.key(code: PathName.statement))
            return Array(unsafeUninitializedCapacity: 1) { buffer, made in
                if statement(statementValue, index: 0, path: .root.key(code: PathName.statement), at: buffer.baseAddress!) { made = 1 }
            }
        default:
            error(.dataTypeMismatch, "\"Statement\" must be an array of statement objects, found \(statementValue.typeName)",
                  statementValue.span, .root.key(code: PathName.statement))
            return []
        }
    }

    mutating func checkVersion(_ version: TapeValue?, documentSpan: SourceSpan) {
        guard let version else {
            error(.invalidVersion, "the policy has no \"Version\"; it must be \"1\"",
                  SourceSpan(start: documentSpan.start, end: documentSpan.start), .root)
            return
        }
        switch version.kind {
        case .string("1"):
            return
        case .number(let n) where n == "1":
            undocumented(.lenientSyntax, "\"Version\" is the number 1; the grammar writes the string \"1\"", version.span, .root.key(code: PathName.version))
        case .string(let s):
            error(.invalidVersion, "\"Version\" is \"\(s)\"; the only valid version is \"1\"", version.span, .root.key(code: PathName.version))
        default:
            error(.invalidVersion, "\"Version\" must be the string \"1\", found \(version.typeName)", version.span, .root.key(code: PathName.version))
        }
    }

    // MARK: Statement

    /// Initializes `slot` with the statement and returns true when it is valid (false: `slot` is left
    /// uninitialized), so the statement goes straight into the policy's array: returning a `Statement?`
    /// to append also copied and destroyed the optional.
    mutating func statement(_ value: TapeValue, index: Int, path: PolicyPath, at slot: UnsafeMutablePointer<Statement>) -> Bool {
        guard let members = value.objectMembers else {
            error(.dataTypeMismatch, "a statement must be a JSON object, found \(value.typeName)", value.span, path)
            return false
        }
        let errorsBefore = errorCount
        var effectMember, actionMember, notActionMember, resourceMember, notResourceMember: TapeMember?
        var conditionMember, principalMember, sidMember: TapeMember?
        // Keys are compared as bytes (``TapeMember/keyIs(_:)``): no `String` per key.
        for member in members {
            if member.keyIs("Effect") { if effectMember == nil { effectMember = member } }
            else if member.keyIs("Action") { if actionMember == nil { actionMember = member } }
            else if member.keyIs("Resource") { if resourceMember == nil { resourceMember = member } }
            else if member.keyIs("Condition") { if conditionMember == nil { conditionMember = member } }
            else if member.keyIs("NotAction") { if notActionMember == nil { notActionMember = member } }
            else if member.keyIs("NotResource") { if notResourceMember == nil { notResourceMember = member } }
            else if member.keyIs("Principal") { if principalMember == nil { principalMember = member } }
            else if member.keyIs("Sid") { if sidMember == nil { sidMember = member } }
            else {
                error(.invalidPolicyElement,
                      "\"\(member.key)\" is not a statement element; use Effect, Action or NotAction, Resource, Condition",
                      member.keySpan, join(path, member.key))
            }
        }
        let statementStart = SourceSpan(start: value.span.start, end: value.span.start)

        // Sid
        var sid: String?
        if let m = sidMember {
            if let s = m.value.stringValue {
                sid = s
                undocumented(.lenientSyntax, "\"Sid\" is not part of Alibaba's identity-policy grammar; it is ignored",
                             m.keySpan, path.key(code: PathName.sid))
            } else {
                error(.dataTypeMismatch, "\"Sid\" must be a string, found \(m.value.typeName)", m.value.span, path.key(code: PathName.sid))
            }
        }

        // Effect
        var effect: Effect?
        if let m = effectMember {
            let p = path.key(code: PathName.effect)
            // The two valid spellings are compared as bytes (no `String`, no `rawValue` switch).
            let isString = m.value.isString
            if isString && m.value.tape.text(m.value.index, is: "Allow") {
                effect = .allow
            } else if isString && m.value.tape.text(m.value.index, is: "Deny") {
                effect = .deny
            } else { switch m.value.kind {
            case .string(let s):
                if let e = Effect(rawValue: s) {
                    effect = e
                } else if let e = Effect(rawValue: s.prefix(1).uppercased() + s.dropFirst().lowercased()) {
                    error(.invalidEffect, "\"Effect\" is \"\(s)\"; it must be written exactly \"\(e.rawValue)\"", m.value.span, p)
                } else {
                    error(.invalidEffect, "\"Effect\" is \"\(s)\"; it must be \"Allow\" or \"Deny\"", m.value.span, p)
                }
            default:
                error(.dataTypeMismatch, "\"Effect\" must be a string, found \(m.value.typeName)", m.value.span, p)
            } }
        } else {
            error(.missingEffect, "the statement has no \"Effect\"", statementStart, path)
        }

        // Action / NotAction
        var actions: [Located<String>] = []
        var actionPolarity = Statement.Polarity.matching
        switch (actionMember, notActionMember) {
        case (nil, nil):
            error(.missingAction, "the statement has neither \"Action\" nor \"NotAction\"", statementStart, path)
        case (let a?, let n?):
            error(.invalidPolicyElement, "the statement has both \"Action\" and \"NotAction\"; keep exactly one",
                  n.keySpan, path.key(code: PathName.notAction))
            actions = actionList(a, path: path.key(code: PathName.action), name: "Action")
        case (let a?, nil):
            actions = actionList(a, path: path.key(code: PathName.action), name: "Action")
        case (nil, let n?):
            actionPolarity = .excluding
            actions = actionList(n, path: path.key(code: PathName.notAction), name: "NotAction")
        }

        // Resource / NotResource
        var resources: [Located<String>]?
        var resourcePolarity = Statement.Polarity.matching
        if options.kind == .trust {
            for m in [resourceMember, notResourceMember].compactMap({ $0 }) {
                error(.invalidPolicyElement, "a trust policy statement has no \"\(m.key)\"; it applies to the role itself",
                      m.keySpan, join(path, m.key))
            }
        } else {
            switch (resourceMember, notResourceMember) {
            case (nil, nil):
                error(.missingResource, "the statement has no \"Resource\"", statementStart, path)
            case (let r?, let n?):
                error(.invalidPolicyElement, "the statement has both \"Resource\" and \"NotResource\"; keep exactly one",
                      n.keySpan, path.key(code: PathName.notResource))
                resources = resourceList(r, path: path.key(code: PathName.resource), name: "Resource")
            case (let r?, nil):
                resources = resourceList(r, path: path.key(code: PathName.resource), name: "Resource")
            case (nil, let n?):
                undocumented(.notResource, "\"NotResource\" is not in Alibaba's current grammar", n.keySpan, path.key(code: PathName.notResource))
                resourcePolarity = .excluding
                resources = resourceList(n, path: path.key(code: PathName.notResource), name: "NotResource")
            }
        }

        // Principal
        var principal: Principal?
        if let m = principalMember {
            if options.kind == .trust {
                principal = principalElement(m.value, path: path.key(code: PathName.principal))
            } else {
                error(.invalidPolicyElement,
                      "\"Principal\" belongs in trust (resource-based) policies, not in a \(options.kind.rawValue) policy",
                      m.keySpan, path.key(code: PathName.principal))
            }
        } else if options.kind == .trust {
            error(.missingPrincipal, "the trust policy statement has no \"Principal\"", statementStart, path)
        }

        // Condition
        var conditions: [Condition] = []
        if let m = conditionMember {
            conditions = conditionBlock(m.value, path: path.key(code: PathName.condition))
        }

        guard errorCount == errorsBefore, let effect else { return false }
        slot.initialize(to: Statement(index: index, span: value.span, path: path, sid: sid, effect: effect,
                                      actionPolarity: actionPolarity, actions: actions, resourcePolarity: resourcePolarity,
                                      resources: resources, principal: principal, conditions: conditions))
        return true
    }

    /// What ``stringList(_:path:name:emptyCode:check:)`` checks in each entry as it reads it.
    enum EntryCheck {
        case none, action, resource
    }

    /// A string or a non-empty array of strings. Each entry is checked (`check`) as soon as it is read,
    /// rather than in a second pass over the list: walking the list again copies every `Located` (a
    /// retain of its text and of its path's strings). Diagnostics end up in the same order either way
    /// (they are sorted by position, and each entry's are added in the same sequence).
    mutating func stringList(_ value: TapeValue, path: PolicyPath, name: String, emptyCode: DiagnosticCode,
                             check: EntryCheck = .none) -> [Located<String>] {
        if value.isString {
            let s = text(value.tape, value.index)
            let span = value.span
            checkEntry(s, span, path, check)
            return [Located(s, span: span, path: path)]
        }
        // The elements without building ``TapeValue/kind`` (an enum to make and destroy per list).
        guard let elements = value.arrayElements else {
            error(.dataTypeMismatch, "\"\(name)\" must be a string or an array of strings, found \(value.typeName)", value.span, path)
            return []
        }
        if elements.isEmpty {
            error(emptyCode, "\"\(name)\" is an empty array", value.span, path)
        }
        var result: [Located<String>] = []
        result.reserveCapacity(elements.count)
        for (i, e) in elements.enumerated() {
            if e.isString {
                let s = text(e.tape, e.index)
                let span = e.span
                let p = path.index(i)
                checkEntry(s, span, p, check)
                result.append(Located(s, span: span, path: p))
            } else {
                error(.dataTypeMismatch, "\"\(name)\" entries must be strings, found \(e.typeName)", e.span, path.index(i))
            }
        }
        return result
    }

    /// Runs the entry's check unless this text (the last one made, see ``text(_:_:)``) already passed
    /// it in this document.
    @inline(__always)
    mutating func checkEntry(_ s: String, _ span: SourceSpan, _ path: PolicyPath, _ check: EntryCheck) {
        let bit: UInt8
        switch check {
        case .none: return
        case .action: bit = 1
        case .resource: bit = 2
        }
        if texts.lastPassed(bit) { return }
        let before = errorCount
        if check == .action { checkAction(s, span, path) } else { checkResource(s, span, path) }
        if errorCount == before { texts.markPassed(bit) }
    }

    /// `name` is the element's key (the member was matched by it).
    mutating func actionList(_ member: TapeMember, path: PolicyPath, name: String) -> [Located<String>] {
        stringList(member.value, path: path, name: name, emptyCode: .missingAction, check: .action)
    }

    mutating func checkAction(_ action: String, _ span: SourceSpan, _ path: PolicyPath) {
        if !ActionName.isWellFormed(action) {
            error(.invalidActionFormat,
                  "\"\(action)\" is not an action; write \"<service-code>:<ActionName>\" or \"*\"",
                  span, path)
        }
    }

    mutating func resourceList(_ member: TapeMember, path: PolicyPath, name: String) -> [Located<String>] {
        stringList(member.value, path: path, name: name, emptyCode: .missingResource, check: .resource)
    }

    mutating func checkResource(_ r: String, _ span: SourceSpan, _ path: PolicyPath) {
        switch ResourceShape(r) {
        case .wildcardOnly:
            return
        case .empty:
            error(.invalidARNPrefix, "the resource is empty; write \"*\" or an ARN", span, path)
        case .notACS:
            error(.invalidARNPrefix, "\"\(r)\" does not start with \"acs:\"", span, path)
        case .fields(let count, let emptyService):
            if count < 5 {
                error(.missingARNField,
                      "\"\(r)\" has \(count) fields; an ARN has five: acs:<service-code>:<region>:<account-id>:<relative-id>",
                      span, path)
            } else if emptyService {
                error(.missingARNField, "\"\(r)\" has an empty service code", span, path)
            }
        }
    }

    mutating func principalElement(_ value: TapeValue, path: PolicyPath) -> Principal? {
        guard case .object(let members) = value.kind else {
            error(.dataTypeMismatch, "\"Principal\" must be an object with RAM, Service or Federated entries, found \(value.typeName)",
                  value.span, path)
            return nil
        }
        var ram: [Located<String>] = []
        var service: [Located<String>] = []
        var federated: [Located<String>] = []
        for m in members {
            let p = join(path, m.key)
            switch m.key {
            case "RAM": ram += stringList(m.value, path: p, name: "RAM", emptyCode: .missingPrincipal)
            case "Service": service += stringList(m.value, path: p, name: "Service", emptyCode: .missingPrincipal)
            case "Federated": federated += stringList(m.value, path: p, name: "Federated", emptyCode: .missingPrincipal)
            default:
                error(.invalidPolicyElement, "\"\(m.key)\" is not a principal type; use RAM, Service or Federated", m.keySpan, p)
            }
        }
        if members.isEmpty {
            error(.missingPrincipal, "\"Principal\" names nobody", value.span, path)
        }
        for r in ram + federated where !r.value.lowercased().hasPrefix("acs:ram:") && r.value != "*" {
            error(.invalidARNPrefix, "\"\(r.value)\" is not a RAM ARN (acs:ram::<account-id>:…)", r.span, r.pathComponents)
        }
        return Principal(ram: ram, service: service, federated: federated, span: value.span)
    }

    // MARK: Condition

    mutating func conditionBlock(_ value: TapeValue, path: PolicyPath) -> [Condition] {
        guard let operators = value.objectMembers else {
            error(.dataTypeMismatch, "\"Condition\" must be an object of operators, found \(value.typeName)", value.span, path)
            return []
        }
        var result: [Condition] = []
        // One key per operator is the common case; more grow the array as before.
        result.reserveCapacity(operators.count)
        for opMember in operators {
            // A plain ASCII operator key is looked up by its bytes (no `String` made); escaped or
            // non-ASCII keys take the `String` route, with the same result.
            // The path-name table holds every operator name, so one lookup gives the operator and
            // the code its path stores.
            let op: ConditionOperator?
            var opCode = PathName.other
            if let written = opMember.tape.plainBytes(opMember.keyIndex) {
                opCode = PathName.code(written)
                op = PathName.operators[Int(opCode)]
            } else {
                op = ConditionOperator(name: opMember.key)
            }
            guard let op else {
                let opName = opMember.key
                let opPath = join(path, opName)
                let hint: String
                if opName.hasPrefix("ForAnyValue:") || opName.hasPrefix("ForAllValues:") || opName == "Null" {
                    hint = "; set qualifiers and Null are AWS IAM syntax that Alibaba RAM does not document"
                } else if let near = ConditionOperator.documentedNames.first(where: { $0.lowercased() == opName.lowercased() }) {
                    hint = "; operator names are case-sensitive, did you mean \"\(near)\"?"
                } else {
                    hint = ""
                }
                error(.invalidConditionOperator, "\"\(opName)\" is not a condition operator\(hint)", opMember.keySpan, opPath)
                continue
            }
            // `op.name` is the key as written (found by exact match), so it is in the name table.
            let opPath = opCode == PathName.other ? path.key(op.name) : path.key(code: opCode)
            let opSpan = opMember.keySpan
            if op.ifExists && op.family != .date {
                if options.strict {
                    error(.undocumentedSyntax, "\"\(op.name)\": IfExists is documented for Date operators only (rejected by --strict)",
                          opSpan, opPath)
                }
            }
            guard let keys = opMember.value.objectMembers else {
                error(.dataTypeMismatch, "\"\(op.name)\" must map condition keys to values, found \(opMember.value.typeName)",
                      opMember.value.span, opPath)
                continue
            }
            for keyMember in keys {
                let keyName = text(keyMember.tape, keyMember.keyIndex)
                let keySpan = keyMember.keySpan
                let keyCode = texts.lastCode {
                    keyMember.tape.plainBytes(keyMember.keyIndex).map(PathName.code) ?? PathName.code(keyName)
                }
                let keyPath = keyCode == PathName.other ? opPath.key(text: keyName) : opPath.key(code: keyCode)
                if !ConditionKeyName.isWellFormed(keyName) {
                    error(.invalidConditionKeyFormat,
                          "\"\(keyName)\" is not a condition key; write \"<service-code>:<key>\" such as \"acs:SourceIp\"",
                          keySpan, keyPath)
                }
                // Each value is checked as it is read (see ``stringList``); the multiple-Boolean error
                // sits at the array's `[`, before every value, so the sorted order is unchanged.
                let values = conditionValues(keyMember.value, path: keyPath, op: op)
                if op.family == .bool && values.count > 1 {
                    error(.invalidConditionMultipleBoolean,
                          "\"\(op.name)\" on \"\(keyName)\" has \(values.count) values; a Boolean condition takes one",
                          keyMember.value.span, keyPath)
                }
                // The key's text and the values are moved into the condition (their last use), not copied.
                result.append(Condition(op: op, operatorSpan: opSpan,
                                        key: Located(consume keyName, span: keySpan, path: keyPath),
                                        values: consume values, path: keyPath))
            }
        }
        return result
    }

    mutating func conditionValues(_ value: TapeValue, path: PolicyPath, op: ConditionOperator) -> [Located<String>] {
        var result: [Located<String>] = []
        if let a = value.arrayElements {
            if a.isEmpty { error(.dataTypeMismatch, "the condition has no values", value.span, path) }
            result.reserveCapacity(a.count)
            for (i, v) in a.enumerated() { conditionValue(v, path.index(i), op, &result) }
        } else {
            conditionValue(value, path, op, &result)
        }
        return result
    }

    mutating func conditionValue(_ v: TapeValue, _ p: PolicyPath, _ op: ConditionOperator, _ result: inout [Located<String>]) {
        if v.isString {
            let s = text(v.tape, v.index)
            let span = v.span
            // As for list entries: a text that passed this family's check is not checked again.
            let bit: UInt8 = 4 << op.family.memoIndex
            if !texts.lastPassed(bit) {
                let before = errorCount
                checkValue(s, span, p, op: op)
                if errorCount == before { texts.markPassed(bit) }
            }
            result.append(Located(s, span: span, path: p))
            return
        }
        switch v.kind {
        case .number(let text):
            nonString(v, p, text: text, op, &result)
        case .bool(let b):
            nonString(v, p, text: b ? "true" : "false", op, &result)
        default:
            error(.dataTypeMismatch, "condition values must be strings, found \(v.typeName)", v.span, p)
        }
    }

    mutating func nonString(_ v: TapeValue, _ p: PolicyPath, text: String, _ op: ConditionOperator, _ result: inout [Located<String>]) {
        if options.strict {
            error(.dataTypeMismatch, "condition values are written as JSON strings; found the \(v.typeName) \(text) (rejected by --strict)", v.span, p)
        } else {
            warning(.dataTypeMismatch, "condition values are written as JSON strings; the \(v.typeName) \(text) is read as \"\(text)\"", v.span, p)
            checkValue(text, v.span, p, op: op)
            result.append(Located(text, span: v.span, path: p))
        }
    }

    /// Whether `s` has the byte `b`, read from contiguous storage (iterating `String.UTF8View` costs more).
    static func hasByte(_ s: String, _ b: UInt8) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { $0.contains(b) } ?? s.utf8.contains(b)
    }

    mutating func checkValue(_ value: String, _ span: SourceSpan, _ path: PolicyPath, op: ConditionOperator) {
        switch op.family {
        case .string:
            return
        case .numeric:
            if ConditionValueParser.number(value) == nil {
                error(.invalidConditionValue, "\"\(value)\" is not a number (\(op.name) compares numbers)", span, path)
            }
        case .date:
            if ISO8601Instant(parsing: value) == nil {
                error(.invalidConditionValue,
                      "\"\(value)\" is not an ISO 8601 time such as 2026-01-01T00:00:00Z or 2026-01-01T08:00:00+08:00 (\(op.name) compares instants)",
                      span, path)
            }
        case .bool:
            // The same answer as comparing `lowercased()` with "true" and "false", without a new String.
            if ConditionValueParser.bool(value) == nil {
                error(.invalidConditionValue, "\"\(value)\" is not \"true\" or \"false\"", span, path)
            }
        case .ipAddress:
            // The byte test first: no `*` byte, no `*` Character (a `*` with a combining mark is not one).
            if Self.hasByte(value, UInt8(ascii: "*")) && value.contains("*") {
                if IPPattern(parsing: value) == nil {
                    error(.invalidConditionValue, "\"\(value)\" is not an IP address pattern", span, path)
                }
            } else if IPRange(parsing: value) == nil {
                error(.invalidConditionValue, "\"\(value)\" is not an IPv4/IPv6 address or CIDR block", span, path)
            }
        }
    }
}

extension ConditionOperator.Family {
    /// A small number per family, for the interner's record of passed checks.
    var memoIndex: UInt8 {
        switch self {
        case .string: 0
        case .numeric: 1
        case .date: 2
        case .bool: 3
        case .ipAddress: 4
        }
    }
}

/// The shape of a Resource value, read in one pass over its bytes.
enum ResourceShape {
    case empty
    case wildcardOnly
    case notACS
    /// Colon-separated fields (the relative id may contain more colons) and whether the service code is empty.
    case fields(Int, emptyService: Bool)

    init(_ r: String) {
        if let shape = r.utf8.withContiguousStorageIfAvailable(ResourceShape.init(bytes:)) {
            self = shape
        } else {
            self.init(bytes: Array(r.utf8))
        }
    }

    init<C: Collection<UInt8>>(bytes r: C) {
        var count = 0
        var allWild = true
        var colons = 0
        var serviceLength = 0
        var prefix: UInt32 = 0
        for b in r {
            if count < 4 { prefix = prefix << 8 | UInt32(b >= 0x41 && b <= 0x5A ? b | 0x20 : b) }
            count += 1
            if b != UInt8(ascii: "*") && b != UInt8(ascii: "?") { allWild = false }
            if b == UInt8(ascii: ":") {
                colons += 1
            } else if colons == 1 {
                serviceLength += 1
            }
        }
        if count == 0 { self = .empty; return }
        if allWild { self = .wildcardOnly; return }
        // "acs:" as four bytes.
        guard count >= 4, prefix == 0x6163_733A else { self = .notACS; return }
        self = .fields(colons + 1, emptyService: serviceLength == 0)
    }
}
