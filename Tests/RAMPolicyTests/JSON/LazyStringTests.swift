@testable import RAMPolicy
import Testing

/// The tape keeps plain strings as ranges of the source and makes `String`s only on demand; keys are
/// compared as bytes. These tests pin that it reads, compares and reports exactly as when every string
/// was a `String`.
struct LazyStringTests {
    let validator = PolicyValidator()

    func validate(_ text: String, kind: PolicyKind = .identity) -> ValidationResult {
        PolicyValidator(options: ValidationOptions(kind: kind)).validate(PolicySource(name: "p.json", text: text))
    }

    @Test func escapedElementNamesAreTheElements() throws {
        // "\u0041ction" is "Action", "\u0045ffect" is "Effect", "Con\u0064ition" is "Condition".
        let text = #"{"Version":"1","Statement":[{"\u0045ffect":"Allow","\u0041ction":"vod:Get\u002A","Resource":"*","Con\u0064ition":{"\u0042ool":{"acs:Secure\u0054ransport":"true"}}}]}"#
        let result = validate(text)
        let policy = try #require(result.policy, "\(result.diagnostics)")
        let s = try #require(policy.statements.first)
        #expect(s.effect == .allow)
        #expect(s.actions.map(\.value) == ["vod:Get*"])
        #expect(s.conditions.first?.op.name == "Bool")
        #expect(s.conditions.first?.key.value == "acs:SecureTransport")
        #expect(s.conditions.first?.path == "Statement[0].Condition.Bool.acs:SecureTransport")
    }

    @Test func duplicateKeysAreFoundWithAndWithoutEscapes() {
        let plain = validate(#"{"Version":"1","Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#)
        #expect(plain.errors.map(\.code) == [.jsonSyntaxError])
        #expect(plain.errors.first?.message.contains("duplicate key \"Version\"") == true)

        let escaped = validate(#"{"Version":"1","Statement":[{"Effect":"Allow","\u0045ffect":"Deny","Action":"*","Resource":"*"}]}"#)
        #expect(escaped.errors.map(\.code) == [.jsonSyntaxError])
        #expect(escaped.errors.first?.message.contains("duplicate key \"Effect\"") == true)

        // Different keys of equal length are not duplicates.
        let distinct = JSONParser().parse(#"{"ab":1,"ba":2,"a\"":3,"a\\":4}"#)
        #expect(distinct.duplicateKeys.isEmpty)
    }

    @Test func nonASCIIKeysCompareAsStrings() {
        // "é" precomposed and decomposed are equal `String`s, so a duplicate, as before.
        let result = JSONParser().parse("{\"caf\u{E9}\": 1, \"cafe\u{301}\": 2, \"caf\u{E8}\": 3}")
        #expect(result.duplicateKeys.count == 1)
        #expect(result.duplicateKeys.first?.key == "cafe\u{301}")
        #expect(result.duplicateKeys.first?.firstSpan.start.column == 2)
    }

    @Test func treeValuesAreTheDecodedTexts() throws {
        let text = #"{"k\u00e9y": "a\nb\"c\\d\/e\u00e9\ud83d\ude42", "plain": "x y", "n": -12.5e+3, "empty": "", "ü": "ö"}"#
        let value = try #require(JSONParser().parse(text).value)
        let members = try #require(value.members)
        #expect(members.map(\.key) == ["kéy", "plain", "n", "empty", "ü"])
        #expect(members[0].value.stringValue == "a\nb\"c\\d/eé🙂")
        #expect(members[1].value.stringValue == "x y")
        guard case .number(let n) = members[2].value.kind else { Issue.record("not a number"); return }
        #expect(n == "-12.5e+3")
        #expect(members[3].value.stringValue == "")
        #expect(members[4].value.stringValue == "ö")
    }

    @Test func longPlainRunsAndSpecialBytesAtEveryWordPosition() throws {
        // The scanner skips plain bytes eight at a time: put the closing quote, an escape, a control
        // character and a non-ASCII scalar at every offset within a word.
        for pad in 0..<17 {
            let run = String(repeating: "a", count: pad)
            let v1 = try #require(JSONParser().parse("[\"\(run)\"]").value)
            #expect(v1.kindArray?.first?.stringValue == run)
            let v2 = try #require(JSONParser().parse("[\"\(run)\\n\(run)\"]").value)
            #expect(v2.kindArray?.first?.stringValue == run + "\n" + run)
            let v3 = try #require(JSONParser().parse("[\"\(run)é\(run)\"]").value)
            #expect(v3.kindArray?.first?.stringValue == run + "é" + run)
            let bad = JSONParser().parse("[\"\(run)\u{01}\"]")
            #expect(bad.error?.message.contains("control character U+0001") == true)
            #expect(bad.error?.location.column == 3 + pad)
            let invalidBytes: [UInt8] = Array("[\"\(run)".utf8) + [0xFF] + Array("\"]".utf8)
            let invalid = invalidBytes.withUnsafeBufferPointer { JSONParser().parse(bytes: $0) }
            #expect(invalid.error?.message.contains("invalid UTF-8 byte 0xFF") == true)
        }
    }

    @Test func unknownElementMessagesNameTheKeyAsWritten() {
        let result = validate(#"{"Version":"1","Statement":[{"Effect":"Allow","Act\u0069ons":"*","Resource":"*"}],"Extra":1}"#)
        let messages = result.errors.map(\.message)
        #expect(messages.contains { $0.contains("\"Actions\" is not a statement element") })
        #expect(messages.contains { $0.contains("\"Extra\" is not a policy element") })
    }

    @Test func operatorLookupByBytesAgreesWithTheNameParser() {
        var names = ConditionOperator.documentedNames.flatMap { [$0, $0 + "IfExists"] }
        names += ["", "Bool ", "bool", "StringEqual", "StringEqualsIfExistsIfExists", "IfExists", "Null",
                  "ForAnyValue:StringEquals", "IpAddressX", "NotIpAddressIfExist"]
        for name in names {
            var copy = name
            let byBytes = copy.withUTF8 { ConditionOperator.lookup($0) }
            #expect(byBytes == ConditionOperator(name: name), "\(name)")
        }
    }

    /// The name is spelled from the family, test and `IfExists` (not stored): every documented name,
    /// with and without `IfExists`, parses to an operator that spells it back, and no two spell alike.
    @Test func operatorNamesAreSpelledBackExactly() throws {
        var seen = Set<String>()
        for base in ConditionOperator.documentedNames {
            for name in [base, base + "IfExists"] {
                let op = try #require(ConditionOperator(name: name))
                #expect(op.name == name)
                #expect(op.description == name)
                #expect(op.ifExists == name.hasSuffix("IfExists"))
                seen.insert(op.name)
            }
        }
        #expect(seen.count == ConditionOperator.documentedNames.count * 2)
        // A family and test that no name has (only by setting them) is named after the family.
        var odd = try #require(ConditionOperator(name: "BoolIfExists"))
        odd.test = .like
        #expect(odd.name == "BoolIfExists")
    }

    @Test func scalarCountCountsUnicodeScalars() {
        var rng = SplitMix64(seed: 11)
        let alphabet: [String] = ["a", "Z", " ", "\n", "é", "值", "🙂", "\u{301}", "ß"]
        for length in 0..<80 {
            var s = ""
            for _ in 0..<length { s += alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            var copy = s
            let counted = copy.withUTF8 { PolicyValidator.scalarCount($0) }
            #expect(counted == s.unicodeScalars.count)
        }
        // More than 255 words, to cross the counter's flush.
        let long = String(repeating: "é值a🙂", count: 1_000)
        var copy = long
        #expect(copy.withUTF8 { PolicyValidator.scalarCount($0) } == long.unicodeScalars.count)
    }

    @Test func theSizeLimitStillCountsScalars() {
        let statement = #"{"Effect":"Allow","Action":"vod:Get*","Resource":"*","Condition":{"StringEquals":{"acs:SourceVpc":"值值值值值值值值值值"}}}"#
        let body = Array(repeating: statement, count: 60).joined(separator: ",")
        let text = #"{"Version":"1","Statement":["# + body + "]}"
        let result = validate(text)
        #expect(result.characterCount == text.unicodeScalars.count)
        #expect(result.errors.contains { $0.code == .policySizeExceeded } == (text.unicodeScalars.count > 6_144))
    }
}

/// Paths built by the validator (from tape keys) and by hand read, compare and hash alike.
struct PolicyPathTests {
    @Test func knownAndUnknownElementsRenderAndCompare() {
        let statement = PolicyPath.root.key("Statement").index(2)
        #expect(statement.key("Action").index(1).description == "Statement[2].Action[1]")
        #expect(statement.key("NotResource").description == "Statement[2].NotResource")
        #expect(statement.key("Condition").key("IpAddress").key("acs:SourceIp").index(0).description
            == "Statement[2].Condition.IpAddress.acs:SourceIp[0]")
        #expect(statement.key("Actions").description == "Statement[2].Actions")
        #expect(PolicyPath.root.key("Version").description == "Version")
        #expect(PolicyPath.root.key("Statement").key("Effect").description == "Statement.Effect")
        #expect(PolicyPath.root.key("Extra").description == "Extra")
        for name in ["Action", "Resource", "Condition", "NotAction", "NotResource", "Effect", "Principal", "Sid", "Version",
                     "Actions", "action", "", "Sid2"] {
            let a = statement.key(name)
            let b = statement.key(String(decoding: Array(name.utf8), as: UTF8.self))
            #expect(a == b)
            #expect(a.hashValue == b.hashValue)
            #expect(a.description == "Statement[2]." + name)
        }
        #expect(statement.key("Action") != statement.key("Resource"))
        #expect(statement.key("Action") != statement.key("Actions"))
    }

    @Test func validatedPathsEqualPathsBuiltByHand() throws {
        let text = #"{"Version":"1","Statement":[{"Effect":"Allow","NotAction":["vod:Get*"],"Resource":"*","Condition":{"Bool":{"acs:MFAPresent":"true"}}}]}"#
        let policy = try #require(PolicyValidator().validate(PolicySource(name: "p", text: text)).policy)
        let s = try #require(policy.statements.first)
        #expect(s.actions[0].pathComponents == PolicyPath.root.key("Statement").index(0).key("NotAction").index(0))
        #expect(s.conditions[0].pathComponents == PolicyPath.root.key("Statement").index(0).key("Condition").key("Bool").key("acs:MFAPresent"))
    }

    @Test func actionNamesAreCheckedOnTheirBytes() {
        #expect(ActionName.isWellFormed("vod:Get*"))
        #expect(ActionName.isWellFormed("*"))
        #expect(!ActionName.isWellFormed("vod:Get Play"))
        #expect(!ActionName.isWellFormed("vod:"))
        #expect(!ActionName.isWellFormed("vod:a:b"))
        #expect(!ActionName.isWellFormed("vod:é"))
    }
}

extension JSONValue {
    fileprivate var kindArray: [JSONValue]? {
        if case .array(let a) = kind { return a }
        return nil
    }
}
