@testable import RAMPolicy
import Testing

/// The validator's hand-written fast paths (path-name codes, interned value texts, the character count
/// taken from the scan, byte-compared effects, the action byte mask, the hand-grown tape) against the
/// general paths they replace.
struct ValidatorFastPathTests {
    /// Every table name gets its code, other names are kept as text, and both render and compare by text.
    @Test func pathNamesRoundTrip() {
        for (i, name) in PathName.names.enumerated() {
            #expect(PathName.code(name) == UInt8(i + 1))
            #expect(PathName.text(UInt8(i + 1)) == name)
        }
        for other in ["", "action", "Actions", "acs:sourceip", "StringEqualsIfExist", "vod:MaxJobs",
                      String(repeating: "x", count: 100), "Stätement"] {
            #expect(PathName.code(other) == PathName.other)
        }
        // The operator of each code is the operator of its name.
        for code in 0...255 {
            let op = PathName.operators[code]
            if code == 0 || code == 255 || code > PathName.names.count {
                #expect(op == nil)
            } else {
                #expect(op == ConditionOperator(name: PathName.names[code - 1]))
            }
        }
    }

    @Test func pathsWithUnknownNamesAtSeveralLevels() {
        let p = PolicyPath.root.key("Extra").key("Bool").key("odd key").index(3)
        #expect(p.description == "Extra.Bool.odd key[3]")
        let q = PolicyPath.root.key("Statement").index(1).key("Conditions").key("Weird").key("acs:SourceIp")
        #expect(q.description == "Statement[1].Conditions.Weird.acs:SourceIp")
        // A fourth key replaces the third, as before.
        #expect(q.key("x:y").description == "Statement[1].Conditions.Weird.x:y")
        #expect(q.key("x:y").key("Action").description == "Statement[1].Conditions.Weird.Action")
        #expect(q.key("x:y").key("Action") == PolicyPath.root.key("Statement").index(1).key("Conditions").key("Weird").key("Action"))
        // Byte-built and text-built paths are equal and hash alike.
        let bytes = Array("vod:MaxJobs".utf8)
        let a = bytes.withUnsafeBufferPointer { PolicyPath.root.key("Condition").key("NumericEquals").key(bytes: $0) }
        let b = PolicyPath.root.key("Condition").key("NumericEquals").key("vod:MaxJobs")
        #expect(a == b && a.hashValue == b.hashValue)
    }

    /// The byte-built rendering against the interpolated one it replaced, on every shape of path: bare and
    /// indexed statements, multi-digit indices, table names and other names (non-ASCII too) at each level.
    @Test func pathDescriptionsMatchTheInterpolatedRendering() {
        func reference(_ p: PolicyPath) -> String {
            var s = ""
            if p.statement >= 0 { s = "Statement[\(p.statement)]" } else if p.bareStatement { s = "Statement" }
            var next = 0
            for part in [p.element, p.group, p.key] {
                guard part != PathName.none else { break }
                if !s.isEmpty { s += "." }
                if part == PathName.other {
                    s += p.texts?[next] ?? ""
                    next += 1
                } else {
                    s += PathName.text(part)
                }
            }
            if p.index >= 0 { s += "[\(p.index)]" }
            return s
        }
        let statement = PolicyPath.root.key("Statement")
        var paths: [PolicyPath] = [.root, statement, statement.index(0), PolicyPath.root.key("Version"),
                                   PolicyPath.root.key("Ünïcode key 🙂").index(7)]
        for index in [0, 9, 10, 99, 100, 12_345, Int(Int32.max)] {
            paths.append(statement.index(index).key("Action").index(index))
            paths.append(statement.index(index).key("Condition").key("IpAddress").key("acs:SourceIp").index(index))
            paths.append(statement.index(index).key("Condition").key("StringLike").key("vöd:Cüstom Key").index(index))
            paths.append(statement.key("Principal").key("Odd Type").key("RAM").index(index))
        }
        for path in paths {
            #expect(path.description == reference(path))
        }
        #expect(PolicyPath.root.description == "")
        #expect(statement.index(12_345).key("Action").index(10).description == "Statement[12345].Action[10]")
    }

    /// The bit masks accept exactly the bytes the former range tests accepted.
    @Test func actionNameByteMaskMatchesTheRanges() {
        for b in 0...255 {
            let byte = UInt8(b)
            let ranges: Bool
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                 UInt8(ascii: "*"), UInt8(ascii: "?"):
                ranges = true
            default:
                ranges = false
            }
            #expect(ActionName.isNameByte(byte) == ranges, "byte \(b)")
        }
    }

    /// Interned texts equal freshly made ones, whatever the table's growth.
    @Test func internedTextsEqualTheirBytes() {
        var interner = TextInterner()
        defer { interner.free() }
        var source: [UInt8] = []
        var ranges: [(Int, Int)] = []
        var rng = SplitMix64(seed: 5)
        for i in 0..<600 {
            // Many repeats, lengths around the inline limit, some non-ASCII.
            let n = Int(rng.next() % 40)
            let text = String(repeating: i % 7 == 0 ? "é" : "a", count: n / 2) + String(i % 50)
            ranges.append((source.count, text.utf8.count))
            source += Array(text.utf8)
        }
        source.withUnsafeBufferPointer { src in
            for (offset, count) in ranges + ranges.reversed() {
                let made = interner.text(src.baseAddress!, offset: offset, count: count)
                let expected = String(decoding: UnsafeBufferPointer(rebasing: src[offset..<offset + count]), as: UTF8.self)
                #expect(made == expected)
                #expect(Array(made.utf8) == Array(expected.utf8))
            }
        }
    }

    /// The character count from the scan equals the scalar count, BOM and non-ASCII included.
    @Test func characterCountFromTheScanEqualsScalarCount() {
        let texts = [
            #"{"Version":"1","Statement":[{"Effect":"Allow","Action":"vod:Get*","Resource":"acs:oss:*:*:bücket/值🙂"}]}"#,
            "\u{FEFF}" + #"{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
            "\u{FEFF}" + #"{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Sid":"e\u0301 \u00e9 é"}]}"#,
            #"{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]} é"#,  // a syntax error
        ]
        for text in texts {
            let result = PolicyValidator().validate(PolicySource(name: "p.json", text: text))
            #expect(result.characterCount == text.unicodeScalars.count)
            var copy = text
            #expect(result.characterCount == copy.withUTF8 { PolicyValidator.scalarCount($0) })
        }
    }

    /// A repeated value skips only checks it passed: every repeat of a failing value is reported, a
    /// value that passed one family's check is still checked for another, and an escaped spelling
    /// never borrows the record of the text before it.
    @Test func repeatedValuesAreCheckedAsBefore() {
        let text = #"""
        {"Version":"1","Statement":[
          {"Effect":"Allow","Action":["vod:SubmitWorkflowJob:Extra","vod:SubmitWorkflowJob","vod:SubmitWorkflowJob:Extra","vod:SubmitWorkflowJob:Extra"],
           "Resource":["acs:oss:*:*:bucket-1/photos/*","not-an-arn-at-all-xx","not-an-arn-at-all-xx","acs:oss:*:*:bucket-1/photos/*"],
           "Condition":{"StringEquals":{"acs:SourceVpc":["not-an-ip-address-xx"]},
                        "IpAddress":{"acs:SourceIp":["not-an-ip-address-xx","not-an-ip-address-xx"]},
                        "DateLessThan":{"acs:CurrentTime":["2026-01-01T00:00:00+08:00","2026-01-01T00:00:00+08:00x"]},
                        "DateGreaterThan":{"acs:CurrentTime":"2026-01-01T00:00:00+08:00x"}}},
          {"Effect":"Allow","Action":"vod:SubmitWorkflowJob:Extra","Resource":"not-an-arn-at-all-xx"}]}
        """#
        let r = PolicyValidator().validate(PolicySource(name: "p.json", text: text))
        let errors = r.errors.map { "\($0.code.id) \($0.path)" }
        #expect(errors == [
            "\(DiagnosticCode.invalidActionFormat.id) Statement[0].Action[0]",
            "\(DiagnosticCode.invalidActionFormat.id) Statement[0].Action[2]",
            "\(DiagnosticCode.invalidActionFormat.id) Statement[0].Action[3]",
            "\(DiagnosticCode.invalidARNPrefix.id) Statement[0].Resource[1]",
            "\(DiagnosticCode.invalidARNPrefix.id) Statement[0].Resource[2]",
            "\(DiagnosticCode.invalidConditionValue.id) Statement[0].Condition.IpAddress.acs:SourceIp[0]",
            "\(DiagnosticCode.invalidConditionValue.id) Statement[0].Condition.IpAddress.acs:SourceIp[1]",
            "\(DiagnosticCode.invalidConditionValue.id) Statement[0].Condition.DateLessThan.acs:CurrentTime[1]",
            "\(DiagnosticCode.invalidConditionValue.id) Statement[0].Condition.DateGreaterThan.acs:CurrentTime",
            "\(DiagnosticCode.invalidActionFormat.id) Statement[1].Action",
            "\(DiagnosticCode.invalidARNPrefix.id) Statement[1].Resource",
        ])
    }

    /// Effects written exactly, with escapes, or wrongly read as before.
    @Test func effectsAreReadAsBefore() {
        func effect(_ written: String) -> (Effect?, [DiagnosticCode]) {
            let text = #"{"Version":"1","Statement":[{"Effect":"# + written + #","Action":"*","Resource":"*"}]}"#
            let r = PolicyValidator().validate(PolicySource(name: "p.json", text: text))
            return (r.policy?.statements.first?.effect, r.diagnostics.map(\.code))
        }
        #expect(effect(#""Allow""#).0 == .allow)
        #expect(effect(#""Deny""#).0 == .deny)
        #expect(effect(#""\u0041llow""#).0 == .allow)
        #expect(effect(#""allow""#).1 == [.invalidEffect])
        #expect(effect(#""Allowed""#).1 == [.invalidEffect])
        #expect(effect(#""Den""#).1 == [.invalidEffect])
        #expect(effect("1").1 == [.dataTypeMismatch])
    }

    /// A document with more nodes than the tape's first guess (bytes / 8) grows it and reads the same.
    @Test func tapeGrowsBeyondItsFirstCapacity() {
        let text = "[" + Array(repeating: "[]", count: 5_000).joined(separator: ",") + "]"
        let result = JSONParser().parse(text)
        guard case .array(let items)? = result.value?.kind else {
            Issue.record("not an array")
            return
        }
        #expect(items.count == 5_000)
        #expect(items.last?.span.start.offset == text.utf8.count - 3)
    }

    /// Short values are interned too, and a check is skipped only for a text that passed it: a short
    /// invalid action, resource or IP value written twice is reported twice, and a valid one written
    /// again is still kept with its own span and path.
    @Test func repeatedShortValuesAreCheckedUntilTheyPass() {
        let text = #"{"Version":"1","Statement":[{"Effect":"Allow","Action":["bad","vod:A","bad","vod:A"],"#
            + #""Resource":["x:y","*","x:y"],"Condition":{"IpAddress":{"acs:SourceIp":["1.2.3","10.0.0.0/8","1.2.3","10.0.0.0/8"]}}}]}"#
        let r = PolicyValidator().validate(PolicySource(name: "p.json", text: text))
        let codes = r.diagnostics.map(\.code)
        #expect(codes.filter { $0 == .invalidActionFormat }.count == 2)
        #expect(codes.filter { $0 == .invalidARNPrefix }.count == 2)
        #expect(codes.filter { $0 == .invalidConditionValue }.count == 2)
        #expect(r.diagnostics.map(\.path) == [
            "Statement[0].Action[0]", "Statement[0].Action[2]", "Statement[0].Resource[0]", "Statement[0].Resource[2]",
            "Statement[0].Condition.IpAddress.acs:SourceIp[0]", "Statement[0].Condition.IpAddress.acs:SourceIp[2]",
        ])
        let valid = #"{"Version":"1","Statement":[{"Effect":"Allow","Action":["vod:B","vod:A","vod:B","vod:A"],"#
            + #""Resource":["acs:vod:*:*:*","*","acs:vod:*:*:*"],"#
            + #""Condition":{"IpAddress":{"acs:SourceIp":["1.2.3.4","10.0.0.0/8","1.2.3.4","10.0.0.0/8"]}}}]}"#
        let policy = PolicyValidator().validate(PolicySource(name: "p.json", text: valid)).policy
        let statement = policy?.statements.first
        #expect(statement?.actions.map(\.value) == ["vod:B", "vod:A", "vod:B", "vod:A"])
        #expect(statement?.actions.map(\.path) == (0..<4).map { "Statement[0].Action[\($0)]" })
        #expect(statement?.actions[0].span != statement?.actions[2].span)
        #expect(statement?.conditions.first?.values.map(\.value) == ["1.2.3.4", "10.0.0.0/8", "1.2.3.4", "10.0.0.0/8"])
    }

    /// Enough distinct texts to grow the table several times, looked up again afterwards (growing
    /// re-places every slot by its stored hash), with the memo bits kept per text.
    @Test func internerKeepsTextsAndMarksAcrossGrowth() {
        var interner = TextInterner()
        defer { interner.free() }
        let words = (0..<1_000).map { "w\($0)" }
        let source = Array(words.joined().utf8)
        var ranges: [(Int, Int)] = []
        var at = 0
        for w in words {
            ranges.append((at, w.utf8.count))
            at += w.utf8.count
        }
        source.withUnsafeBufferPointer { src in
            for (i, (offset, count)) in ranges.enumerated() {
                #expect(interner.text(src.baseAddress!, offset: offset, count: count) == words[i])
                #expect(!interner.lastPassed(1))
                if i % 3 == 0 { interner.markPassed(1) }
            }
            for (i, (offset, count)) in ranges.enumerated().reversed() {
                #expect(interner.text(src.baseAddress!, offset: offset, count: count) == words[i])
                #expect(interner.lastPassed(1) == (i % 3 == 0))
                #expect(!interner.lastPassed(2))
            }
        }
    }
}

/// The thread's interner outlives documents: texts and passed checks carry over, it starts over
/// beyond its bounds, and a failing value is reported in every document that writes it.
@Suite struct TextInternerAcrossDocumentsTests {
    @Test func textsMarksAndCodesCarryOverToTheNextDocument() {
        var first = TextInterner.take()
        // Texts no other test writes (the interner is the thread's, shared with other tests on it).
        let bytes = Array("zz:InternerKeyzz:InternerValue".utf8)
        bytes.withUnsafeBufferPointer { b in
            #expect(first.text(b.baseAddress!, offset: 0, count: 14) == "zz:InternerKey")
            #expect(first.lastCode { 200 } == 200)
            #expect(first.text(b.baseAddress!, offset: 14, count: 16) == "zz:InternerValue")
            first.markPassed(1)
        }
        TextInterner.put(first)
        // Another document's bytes, in another buffer.
        var second = TextInterner.take()
        defer { TextInterner.put(second) }
        let other = Array("xzz:InternerValuezz:InternerKey".utf8)
        other.withUnsafeBufferPointer { b in
            #expect(second.text(b.baseAddress!, offset: 1, count: 16) == "zz:InternerValue")
            #expect(second.lastPassed(1))
            #expect(!second.lastPassed(2))
            #expect(second.text(b.baseAddress!, offset: 17, count: 14) == "zz:InternerKey")
            #expect(!second.lastPassed(1))
            #expect(second.lastCode { 7 } == 200)
        }
    }

    @Test func startsOverBeyondItsBounds() {
        var interner = TextInterner.take()
        interner.free()
        let words = Array((0...TextInterner.maxTexts).map { "t\($0)" }.joined().utf8)
        words.withUnsafeBufferPointer { b in
            var at = 0
            for i in 0...TextInterner.maxTexts {
                let n = "t\(i)".utf8.count
                _ = interner.text(b.baseAddress!, offset: at, count: n)
                at += n
            }
        }
        #expect(interner.count == TextInterner.maxTexts + 1)
        TextInterner.put(interner)
        var again = TextInterner.take()
        #expect(again.count == 0)
        again.free()
        TextInterner.put(again)
    }

    @Test func failingValuesAreReportedInEveryDocument() {
        let text = #"{"Version":"1","Statement":[{"Effect":"Allow","Action":["vod:Get:Extra","vod:Get"],"#
            + #""Resource":["not-an-arn-at-all-xx","*"],"Condition":{"IpAddress":{"acs:SourceIp":"1.2.3"}}}]}"#
        let first = PolicyValidator().validate(PolicySource(name: "a.json", text: text))
        let second = PolicyValidator().validate(PolicySource(name: "a.json", text: text))
        #expect(first.diagnostics.count == 3)
        #expect(first.diagnostics == second.diagnostics)
        let valid = #"{"Version":"1","Statement":[{"Effect":"Allow","Action":"vod:Get","Resource":"*","#
            + #""Condition":{"IpAddress":{"acs:SourceIp":"10.0.0.0/8"}}}]}"#
        for _ in 0..<2 {
            let policy = PolicyValidator().validate(PolicySource(name: "b.json", text: valid)).policy
            #expect(policy?.statements.first?.conditions.first?.path == "Statement[0].Condition.IpAddress.acs:SourceIp")
            #expect(policy?.statements.first?.conditions.first?.values.map(\.value) == ["10.0.0.0/8"])
        }
    }
}
