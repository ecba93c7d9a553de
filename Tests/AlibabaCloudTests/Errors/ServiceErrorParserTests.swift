import AlibabaCloud
import Foundation
import Testing

@Suite("ServiceErrorParser")
struct ServiceErrorParserTests {
    let parser = ServiceErrorParser()

    @Test("a JSON 403 with AccessDeniedDetail (the captured tea-SDK scenario)")
    func jsonDenial() throws {
        let body = #"""
            {"RequestId":"ERR-REQ-11","HostId":"vod.cn-shanghai.aliyuncs.com","Code":"Forbidden.RAM",
             "Message":"User not authorized to operate on the specified resource, or this API doesn't support RAM.",
             "Recommend":"https://api.aliyun.com/troubleshoot?q=Forbidden.RAM&product=vod",
             "AccessDeniedDetail":{"PolicyType":"AccountLevelIdentityBasedPolicy","AuthPrincipalOwnerId":"1234567890123456",
               "EncodedDiagnosticMessage":"AQEAAAAAZExampleDiag==","AuthPrincipalType":"SubUser",
               "AuthPrincipalDisplayName":"2047000000000000","NoPermissionType":"ImplicitDeny","AuthAction":"vod:SubmitWorkflowJob"}}
            """#
        let error = parser.parse(body: Array(body.utf8), status: 403)
        #expect(error.code == "Forbidden.RAM")
        #expect(error.httpStatus == 403)
        #expect(error.requestId == "ERR-REQ-11")
        #expect(error.hostId == "vod.cn-shanghai.aliyuncs.com")
        #expect(error.recommend == "https://api.aliyun.com/troubleshoot?q=Forbidden.RAM&product=vod")
        #expect(error.bodyFormat == "json")
        #expect(error.isAccessDenied)
        let denial = try #require(error.accessDenied)
        #expect(denial.policyType == "AccountLevelIdentityBasedPolicy")
        #expect(denial.noPermissionType == "ImplicitDeny")
        #expect(denial.isExplicitDeny == false)
        #expect(denial.authAction == "vod:SubmitWorkflowJob")
        #expect(denial.authPrincipalType == "SubUser")
        #expect(denial.authPrincipalOwnerId == "1234567890123456")
        #expect(denial.authPrincipalDisplayName == "2047000000000000")
        #expect(denial.encodedDiagnosticMessage == "AQEAAAAAZExampleDiag==")
        #expect(denial.diagnostic == nil, "a real diagnostic message is opaque")
    }

    @Test("lower-camel spellings are read too")
    func lowerCamel() {
        let body = #"{"requestId":"R","code":"NoPermission","message":"no","accessDeniedDetail":{"noPermissionType":"ExplicitDeny","policyType":"ControlPolicy"}}"#
        let error = parser.parse(body: Array(body.utf8), status: 403)
        #expect(error.code == "NoPermission")
        #expect(error.requestId == "R")
        #expect(error.accessDenied?.isExplicitDeny == true)
        #expect(error.accessDenied?.policyType == "ControlPolicy")
    }

    @Test("an XML <Error> body, with AccessDeniedDetail (OSS style)")
    func xml() throws {
        let body = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Error>
              <RequestId>ERR-XML-1</RequestId>
              <HostId>vod.cn-shanghai.aliyuncs.com</HostId>
              <Code>AccessDenied</Code>
              <Message>You have no right to access this object because of bucket acl.</Message>
              <AccessDeniedDetail>
                <PolicyType>SessionPolicy</PolicyType>
                <NoPermissionType>ExplicitDeny</NoPermissionType>
                <AuthAction>vod:SubmitWorkflowJob</AuthAction>
              </AccessDeniedDetail>
            </Error>
            """
        let error = parser.parse(body: Array(body.utf8), status: 403)
        #expect(error.bodyFormat == "xml")
        #expect(error.code == "AccessDenied")
        #expect(error.requestId == "ERR-XML-1")
        #expect(error.message?.hasPrefix("You have no right") == true)
        #expect(error.accessDenied?.policyType == "SessionPolicy")
        #expect(error.accessDenied?.isExplicitDeny == true)
    }

    @Test("the older <Response><Errors><Error> wrapper")
    func wrappedXML() {
        let body = "<Response><Errors><Error><Code>InvalidParameter</Code><Message>bad</Message></Error></Errors><RequestID>R</RequestID></Response>"
        let error = parser.parse(body: Array(body.utf8), status: 400)
        #expect(error.code == "InvalidParameter")
        #expect(error.message == "bad")
    }

    @Test("XML with a DOCTYPE is not parsed (no entity expansion), but still yields an error")
    func doctype() {
        let body = """
            <?xml version="1.0"?>
            <!DOCTYPE Error [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <Error><Code>&xxe;</Code><Message>x</Message></Error>
            """
        let error = parser.parse(body: Array(body.utf8), status: 400)
        #expect(error.code == "HTTP400")
        #expect(error.bodyFormat == "unreadable")
        #expect(error.message?.contains("root:") == false)
    }

    @Test("a body that is no Alibaba error: the status is the code, an excerpt the message")
    func unreadable() {
        let html = parser.parse(body: Array("<html><body>502 Bad Gateway</body></html>".utf8), status: 502)
        #expect(html.code == "HTTP502")
        #expect(html.message?.contains("502 Bad Gateway") == true)
        #expect(!html.hasServiceCode)
        let empty = parser.parse(body: [], status: 503, requestIdHeader: "H-1")
        #expect(empty.code == "HTTP503")
        #expect(empty.requestId == "H-1")
        #expect(empty.bodyFormat == "empty")
        #expect(!empty.isServiceUnavailable)
        let long = parser.parse(body: Array(String(repeating: "x", count: 10_000).utf8), status: 500)
        #expect((long.message?.count ?? 0) < 700)
    }

    @Test("SignatureDoesNotMatch: the echoed string-to-sign is removed, and a token in it never survives")
    func signatureDoesNotMatch() {
        let token = "CAISSecretToken+/=1234"
        let stringToSign = "POST&%2F&AccessKeyId%3DSTS.x%26SecurityToken%3D" + PercentEncoding.encode(PercentEncoding.encode(token)) + "%26Timestamp%3D2025"
        let body = #"{"RequestId":"R","Code":"SignatureDoesNotMatch","Message":"Specified signature is not matched with our calculation. server string to sign is:\#(stringToSign)"}"#
        let error = ServiceErrorParser(scrubber: SecretScrubber(secrets: [token])).parse(body: Array(body.utf8), status: 400)
        #expect(error.message == "Specified signature is not matched with our calculation. server string to sign is: <string-to-sign removed>")
        // Even a scrubber that does not know the token removes the echo.
        let blind = parser.parse(body: Array(body.utf8), status: 400)
        #expect(blind.message?.contains(PercentEncoding.encode(PercentEncoding.encode(token))) == false)
    }

    @Test("a readable diagnostic message (ramguard's emulator) is decoded")
    func diagnostic() throws {
        let json = #"{"AuthAction":"vod:SubmitWorkflowJob","AuthConditions":[{"ConditionKey":"acs:SourceIp","ConditionValues":["127.0.0.1"]}],"AuthResource":"*","ExplicitDeny":true,"MatchedPolicies":[{"AttachedEntityType":"RamUser","AttachedScope":"Account","Effect":"Deny","PolicyIdentifier":"deny.json","PolicyType":"Custom"}],"NoPermissionPolicyType":"AccountLevelIdentityBasedPolicy"}"#
        let encoded = Data(json.utf8).base64EncodedString()
        let body = #"{"Code":"Forbidden.RAM","AccessDeniedDetail":{"EncodedDiagnosticMessage":"\#(encoded)"}}"#
        let error = parser.parse(body: Array(body.utf8), status: 403)
        let diagnostic = try #require(error.accessDenied?.diagnostic)
        #expect(diagnostic.explicitDeny == true)
        #expect(error.accessDenied?.isExplicitDeny == true, "falls back to the diagnostic when NoPermissionType is absent")
        #expect(diagnostic.authConditions == [.init(key: "acs:SourceIp", values: ["127.0.0.1"])])
        #expect(diagnostic.matchedPolicies.first?.policyIdentifier == "deny.json")
        #expect(diagnostic.matchedPolicies.first?.effect == "Deny")
        #expect(parser.decodeDiagnostic("AQEAAAAAZExampleDiag==") == nil)
    }

    @Test("classification helpers compare codes case-insensitively")
    func categories() {
        #expect(ServiceError(httpStatus: 400, code: "Throttling.User").isThrottling)
        #expect(ServiceError(httpStatus: 400, code: "throttling").isThrottling)
        #expect(!ServiceError(httpStatus: 400, code: "ThrottlingX").isThrottling)
        #expect(ServiceError(httpStatus: 503, code: "ServiceUnAvailable").isServiceUnavailable)
        #expect(ServiceError(httpStatus: 403, code: "forbidden.ram").isAccessDenied)
        #expect(!ServiceError(httpStatus: 403, code: "Forbidden.IllegalStatus").isAccessDenied)
        #expect(ServiceError(httpStatus: 500, code: "X").isServerError)
        #expect(ServiceError(httpStatus: 400, code: "UnknownError").isServerError)
    }
}
