import RAMPolicy
import Testing

struct PolicyValidatorTests {
    /// The single error of a document, asserting there is exactly one.
    func onlyError(_ json: String, kind: PolicyKind = .identity, strict: Bool = false,
                   sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> PolicyDiagnostic {
        let result = validate(json, kind: kind, strict: strict)
        #expect(result.policy == nil, sourceLocation: sourceLocation)
        #expect(result.errors.count == 1, "\(result.errors)", sourceLocation: sourceLocation)
        return try #require(result.errors.first, sourceLocation: sourceLocation)
    }

    @Test func acceptsAValidPolicy() throws {
        let p = try makePolicy(statementPolicy(condition: #"{"IpAddress": {"acs:SourceIp": ["10.0.0.0/8", "::1"]}}"#))
        #expect(p.statements.count == 1)
        #expect(p.statements[0].conditions.first?.op.family == .ipAddress)
        #expect(p.statements[0].actions.first?.path == "Statement[0].Action")
    }

    @Test func invalidVersionPointsAtTheValue() throws {
        let d = try onlyError("{\n  \"Version\": \"2\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"vod:X\", \"Resource\": \"*\"}]\n}")
        #expect(d.code == .invalidVersion)
        #expect(d.code.name == "Invalid version")
        #expect(d.span?.start.line == 2)
        #expect(d.span?.start.column == 14)
        #expect(d.path == "Version")
    }

    @Test func missingVersionIsInvalid() throws {
        let d = try onlyError(#"{"Statement": [{"Effect": "Allow", "Action": "vod:X", "Resource": "*"}]}"#)
        #expect(d.code == .invalidVersion)
    }

    @Test func numericVersionIsLenientWarningStrictError() throws {
        let json = #"{"Version": 1, "Statement": [{"Effect": "Allow", "Action": "vod:X", "Resource": "*"}]}"#
        let lenient = validate(json)
        #expect(lenient.isValid)
        #expect(lenient.warnings.map(\.code) == [.undocumentedSyntax])
        #expect(lenient.assumptions.map(\.kind.id) == ["U5"])
        #expect(try onlyError(json, strict: true).code == .undocumentedSyntax)
    }

    @Test func invalidEffect() throws {
        let d = try onlyError(statementPolicy(effect: "allow"))
        #expect(d.code == .invalidEffect)
        #expect(d.message.contains("exactly \"Allow\""))
        #expect(d.path == "Statement[0].Effect")
        #expect(try onlyError(statementPolicy(effect: "Permit")).code == .invalidEffect)
    }

    @Test func missingEffect() throws {
        let d = try onlyError(#"{"Version": "1", "Statement": [{"Action": "vod:X", "Resource": "*"}]}"#)
        #expect(d.code == .missingEffect)
        #expect(d.path == "Statement[0]")
    }

    @Test func missingAction() throws {
        #expect(try onlyError(#"{"Version": "1", "Statement": [{"Effect": "Allow", "Resource": "*"}]}"#).code == .missingAction)
        #expect(try onlyError(statementPolicy(action: "[]")).code == .missingAction)
    }

    @Test func actionAndNotActionTogether() throws {
        let d = try onlyError(statementPolicy(extra: #", "NotAction": "ram:*""#))
        #expect(d.code == .invalidPolicyElement)
        #expect(d.path == "Statement[0].NotAction")
    }

    @Test(arguments: ["vodSubmit", "vod:", ":X", "vod:a:b", "vod: X", ""])
    func invalidActionFormat(action: String) throws {
        let d = try onlyError(statementPolicy(action: "[\"vod:Ok\", \"\(action)\"]"))
        #expect(d.code == .invalidActionFormat)
        #expect(d.path == "Statement[0].Action[1]")
    }

    @Test(arguments: ["*", "vod:*", "*:SubmitWorkflowJob", "vod:Get*", "paiitag:*Get*", "vod:Submit?orkflowJob"])
    func wellFormedActions(action: String) {
        #expect(validate(statementPolicy(action: "\"\(action)\"")).isValid)
    }

    @Test func invalidARNPrefixAndMissingARNField() throws {
        let p = try onlyError(statementPolicy(resource: #"["*", "arn:aws:s3:::b"]"#))
        #expect(p.code == .invalidARNPrefix)
        #expect(p.path == "Statement[0].Resource[1]")
        let f = try onlyError(statementPolicy(resource: #""acs:vod:*""#))
        #expect(f.code == .missingARNField)
        #expect(validate(statementPolicy(resource: #""acs:oss:*:*:mybucket/dir/*""#)).isValid)
        #expect(validate(statementPolicy(resource: #""acs:ram::*:saml-provider/idaas-eiam*""#)).isValid)
    }

    @Test func missingResource() throws {
        let d = try onlyError(#"{"Version": "1", "Statement": [{"Effect": "Allow", "Action": "vod:X"}]}"#)
        #expect(d.code == .missingResource)
    }

    @Test func invalidConditionOperatorWithHints() throws {
        let d = try onlyError(statementPolicy(condition: #"{"StringEqual": {"acs:SourceVpc": "vpc-1"}}"#))
        #expect(d.code == .invalidConditionOperator)
        #expect(d.path == "Statement[0].Condition.StringEqual")
        let c = try onlyError(statementPolicy(condition: #"{"stringequals": {"acs:SourceVpc": "vpc-1"}}"#))
        #expect(c.message.contains("did you mean \"StringEquals\""))
        let aws = try onlyError(statementPolicy(condition: #"{"ForAnyValue:StringEquals": {"acs:SourceVpc": "vpc-1"}}"#))
        #expect(aws.message.contains("AWS"))
    }

    @Test func everyDocumentedOperatorAndItsIfExistsFormParse() {
        let values = ["String": "x", "Numeric": "1", "Date": "2026-01-01T00:00:00Z", "Bool": "true", "IpAddress": "10.0.0.1", "NotIpAddress": "10.0.0.1"]
        for name in ConditionOperator.documentedNames {
            let value = values.first { name.hasPrefix($0.key) }?.value ?? "x"
            for suffix in ["", "IfExists"] {
                let json = statementPolicy(condition: "{\"\(name)\(suffix)\": {\"acs:Key\": \"\(value)\"}}")
                #expect(validate(json).isValid, "\(name)\(suffix)")
            }
        }
        #expect(ConditionOperator.documentedNames.count == 21)
    }

    @Test func ifExistsOutsideDateIsRejectedByStrict() throws {
        let json = statementPolicy(condition: #"{"StringEqualsIfExists": {"acs:SourceVpc": "vpc-1"}}"#)
        #expect(validate(json).isValid)
        #expect(try onlyError(json, strict: true).code == .undocumentedSyntax)
        #expect(validate(statementPolicy(condition: #"{"DateLessThanIfExists": {"acs:CurrentTime": "2030-01-01T00:00:00Z"}}"#), strict: true).isValid)
    }

    @Test func invalidConditionKeyFormat() throws {
        let d = try onlyError(statementPolicy(condition: #"{"StringEquals": {"SourceVpc": "vpc-1"}}"#))
        #expect(d.code == .invalidConditionKeyFormat)
        #expect(d.path == "Statement[0].Condition.StringEquals.SourceVpc")
    }

    @Test func invalidConditionMultipleBoolean() throws {
        let d = try onlyError(statementPolicy(condition: #"{"Bool": {"acs:SecureTransport": ["true", "false"]}}"#))
        #expect(d.code == .invalidConditionMultipleBoolean)
    }

    @Test(arguments: [
        (#"{"NumericLessThan": {"oss:MaxKeys": "ten"}}"#, "not a number"),
        (#"{"DateLessThan": {"acs:CurrentTime": "2026-13-01T00:00:00Z"}}"#, "ISO 8601"),
        (#"{"DateLessThan": {"acs:CurrentTime": "2026-01-01T00:00:00"}}"#, "ISO 8601"),
        (#"{"Bool": {"acs:MFAPresent": "yes"}}"#, "\"true\" or \"false\""),
        (#"{"IpAddress": {"acs:SourceIp": "10.0.0.0/33"}}"#, "CIDR"),
        (#"{"IpAddress": {"acs:SourceIp": "300.1.1.1"}}"#, "CIDR"),
        (#"{"NotIpAddress": {"acs:SourceIp": "2001:db8::1::2"}}"#, "CIDR"),
    ])
    func invalidConditionValues(condition: String, message: String) throws {
        let d = try onlyError(statementPolicy(condition: condition))
        #expect(d.code == .invalidConditionValue)
        #expect(d.message.contains(message), "\(d.message)")
    }

    @Test func nonStringConditionValues() throws {
        let json = statementPolicy(condition: #"{"NumericLessThan": {"oss:MaxKeys": 10}}"#)
        let lenient = validate(json)
        #expect(lenient.isValid)
        #expect(lenient.warnings.first?.code == .dataTypeMismatch)
        #expect(try onlyError(json, strict: true).code == .dataTypeMismatch)
        #expect(try onlyError(statementPolicy(condition: #"{"StringEquals": {"acs:SourceVpc": {"a": 1}}}"#)).code == .dataTypeMismatch)
    }

    @Test func invalidPolicyElements() throws {
        let top = try onlyError(#"{"Version": "1", "Id": "x", "Statement": [{"Effect": "Allow", "Action": "vod:X", "Resource": "*"}]}"#)
        #expect(top.code == .invalidPolicyElement)
        #expect(top.path == "Id")
        let principal = try onlyError(statementPolicy(extra: #", "Principal": {"RAM": ["acs:ram::1:root"]}"#))
        #expect(principal.code == .invalidPolicyElement)
        #expect(principal.message.contains("trust"))
    }

    @Test func dataTypeMismatches() throws {
        #expect(try onlyError(#"{"Version": "1", "Statement": "x"}"#).code == .dataTypeMismatch)
        #expect(try onlyError(#"{"Version": "1", "Statement": [42]}"#).code == .dataTypeMismatch)
        #expect(try onlyError(statementPolicy(action: "[1]")).code == .dataTypeMismatch)
        #expect(try onlyError(#"[]"#).code == .dataTypeMismatch)
    }

    @Test func missingOrEmptyStatement() throws {
        #expect(try onlyError(#"{"Version": "1"}"#).code == .missingStatement)
        #expect(try onlyError(#"{"Version": "1", "Statement": []}"#).code == .missingStatement)
    }

    @Test func singleObjectStatementIsLenient() throws {
        let json = #"{"Version": "1", "Statement": {"Effect": "Allow", "Action": "vod:X", "Resource": "*"}}"#
        let result = validate(json)
        #expect(result.policy?.statements.count == 1)
        #expect(result.assumptions.first?.kind.id == "U5")
        #expect(try onlyError(json, strict: true).code == .undocumentedSyntax)
    }

    @Test func sidAndNotResource() throws {
        let json = statementPolicy(extra: #", "Sid": "s1""#)
        #expect(validate(json).policy?.statements.first?.sid == "s1")
        #expect(try onlyError(json, strict: true).code == .undocumentedSyntax)
        let nr = #"{"Version": "1", "Statement": [{"Effect": "Allow", "Action": "vod:X", "NotResource": "acs:vod:*:*:x"}]}"#
        let r = validate(nr)
        #expect(r.policy?.statements.first?.resourcePolarity == .excluding)
        #expect(r.assumptions.map(\.kind.id) == ["U7"])
    }

    @Test func jsonSyntaxErrorAndDuplicateKeys() throws {
        let syntax = try onlyError("{\"Version\": \"1\",\n \"Statement\": [],}")
        #expect(syntax.code == .jsonSyntaxError)
        #expect(syntax.span?.start.line == 2)
        let dup = validate(#"{"Version": "1", "Statement": [{"Effect": "Allow", "Effect": "Deny", "Action": "vod:X", "Resource": "*"}]}"#)
        #expect(dup.policy == nil)
        #expect(dup.errors.map(\.code) == [.jsonSyntaxError])
        #expect(dup.errors.first?.message.contains("duplicate key \"Effect\"") == true)
    }

    @Test func sizeLimitPerKind() throws {
        let pad = String(repeating: " ", count: 6_200)
        let json = statementPolicy() + pad
        let d = try onlyError(json)
        #expect(d.code == .policySizeExceeded)
        #expect(d.message.contains("6144") || d.message.contains("6,144"))
        let session = statementPolicy() + String(repeating: " ", count: 2_000)
        #expect(validate(session, kind: .session).errors.first?.code == .policySizeExceeded)
        #expect(validate(session, kind: .identity).isValid)
    }

    @Test func reportsEveryProblemOfADocumentInOrder() {
        let json = """
        {
          "Version": "2",
          "Statement": [
            {"Effect": "allow", "Action": ["vodSubmit"], "Resource": "arn:x"},
            {"Effect": "Allow", "Resource": "acs:vod:*", "Foo": 1,
             "Condition": {"Bool": {"acs:MFAPresent": ["true", "false"]}, "StringEqual": {"a:b": "c"}}}
          ]
        }
        """
        let result = validate(json)
        #expect(result.errors.map(\.code) == [
            .invalidVersion, .invalidEffect, .invalidActionFormat, .invalidARNPrefix,
            .missingAction, .missingARNField, .invalidPolicyElement, .invalidConditionMultipleBoolean, .invalidConditionOperator,
        ])
        let lines = result.errors.map { $0.span?.start.line ?? 0 }
        #expect(lines == lines.sorted())
    }

    @Test func trustPolicies() throws {
        let trust = """
        {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
          "Principal": {"RAM": ["acs:ram::123456789012****:root"], "Service": ["ecs.aliyuncs.com"]}}]}
        """
        let p = try makePolicy(trust, kind: .trust)
        #expect(p.statements[0].principal?.service.first?.value == "ecs.aliyuncs.com")
        let noPrincipal = validate(#"{"Version": "1", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole"}]}"#, kind: .trust)
        #expect(noPrincipal.errors.map(\.code) == [.missingPrincipal])
        let withResource = validate(statementPolicy(extra: #", "Principal": {"Service": "ecs.aliyuncs.com"}"#), kind: .trust)
        #expect(withResource.errors.map(\.code) == [.invalidPolicyElement])
    }
}
