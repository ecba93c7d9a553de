import Foundation
import Testing
import VOD

@Suite struct ErrorBodyTests {
    /// The body of the captured `tea-sdk-error-403-access-denied-detail` scenario.
    static let denied = #"""
        {"RequestId": "ERR-REQ-11", "HostId": "vod.cn-shanghai.aliyuncs.com", "Code": "Forbidden.RAM",
         "Message": "User not authorized to operate on the specified resource, or this API doesn't support RAM.",
         "Recommend": "https://api.aliyun.com/troubleshoot?q=Forbidden.RAM&product=vod",
         "AccessDeniedDetail": {"PolicyType": "AccountLevelIdentityBasedPolicy", "AuthPrincipalOwnerId": "1234567890123456",
           "EncodedDiagnosticMessage": "AQEAAAAAZExampleDiag==", "AuthPrincipalType": "SubUser",
           "AuthPrincipalDisplayName": "2047000000000000", "NoPermissionType": "ImplicitDeny", "AuthAction": "vod:SubmitWorkflowJob"},
         "statusCode": 403}
        """#

    @Test func parsesADenialWithItsDetail() throws {
        let body = try AlibabaErrorBody.parse(Array(Self.denied.utf8))
        #expect(body.code == "Forbidden.RAM")
        #expect(body.requestId == "ERR-REQ-11")
        #expect(body.hostId == "vod.cn-shanghai.aliyuncs.com")
        #expect(body.recommend?.hasPrefix("https://api.aliyun.com/troubleshoot?q=Forbidden.RAM") == true)
        #expect(body.knownCode == .forbiddenRAM)
        let detail = try #require(body.accessDeniedDetail)
        #expect(detail == AccessDeniedDetail(
            policyType: "AccountLevelIdentityBasedPolicy", noPermissionType: "ImplicitDeny", authAction: "vod:SubmitWorkflowJob",
            authPrincipalType: "SubUser", authPrincipalOwnerId: "1234567890123456",
            authPrincipalDisplayName: "2047000000000000", encodedDiagnosticMessage: "AQEAAAAAZExampleDiag=="))
    }

    @Test func readsLowerCamelCaseFields() throws {
        let body = try AlibabaErrorBody.parse(Array(#"{"requestId":"r","code":"Forbidden.RAM","message":"m","accessDeniedDetail":{"noPermissionType":"ExplicitDeny","policyType":"SessionPolicy"}}"#.utf8))
        #expect(body.requestId == "r")
        #expect(body.accessDeniedDetail?.noPermissionType == "ExplicitDeny")
        #expect(body.accessDeniedDetail?.policyType == "SessionPolicy")
    }

    @Test func scrubsTheEchoedStringToSign() throws {
        let raw = #"{"RequestId":"ERR-REQ-8","HostId":"vod.cn-shanghai.aliyuncs.com","Code":"SignatureDoesNotMatch","Message":"Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3DLTAI-NOT-A-REAL-KEY-Id%26SecurityToken%3DCAISsecret"}"#
        let body = try AlibabaErrorBody.parse(Array(raw.utf8))
        #expect(body.message?.contains("CAISsecret") == true)
        #expect(body.scrubbedMessage == "Specified signature is not matched with our calculation. server string to sign is: <string-to-sign removed>")
        #expect(!body.description.contains("CAISsecret"))
        #expect(!String(reflecting: body).contains("CAISsecret"))
        var dumped = ""
        dump(body, to: &dumped)
        #expect(!dumped.contains("CAISsecret"))
    }

    @Test func rejectsBodiesThatAreNotErrors() {
        #expect(throws: ResponseBodyError.self) { try AlibabaErrorBody.parse([]) }
        #expect(throws: ResponseBodyError.self) { try AlibabaErrorBody.parse(Array("{not json".utf8)) }
        #expect(throws: ResponseBodyError.self) { try AlibabaErrorBody.parse(Array(#"{"Message":"no code"}"#.utf8)) }
        #expect(throws: ResponseBodyError.self) { try AlibabaErrorBody.parse(Array("[1,2]".utf8)) }
        #expect(throws: ResponseBodyError.self) { try AlibabaErrorBody.parse(Array("plain text".utf8)) }
    }

    @Test func xmlNeedsAReader() throws {
        let xml = Array(#"<?xml version="1.0" encoding="UTF-8"?><Error><RequestId>ERR-XML-1</RequestId><Code>InvalidParameter</Code></Error>"#.utf8)
        do {
            _ = try AlibabaErrorBody.parse(xml)
            Issue.record("XML parsed without a reader")
        } catch {
            #expect(error.kind == .noXMLReader)
        }
        let reader: FlatXMLReader = { _ in
            FlatXMLDocument(rootName: "Error", values: ["RequestId": "ERR-XML-1", "Code": "InvalidParameter"],
                            groups: ["AccessDeniedDetail": ["AuthAction": "vod:SubmitWorkflowJob"]])
        }
        let body = try AlibabaErrorBody.parse(xml, xmlReader: reader)
        #expect(body.code == "InvalidParameter")
        #expect(body.accessDeniedDetail?.authAction == "vod:SubmitWorkflowJob")
    }

    @Test func parsesSuccessBodies() throws {
        let response = try SubmitWorkflowJobResponse.parse(Array(#"{"RequestId":"A01C8FF4-C106-4431-418F973DADB7TEST","TaskId":"c4b0d6d1e2f3a4b5c6d7e8f9a0b1c2d3"}"#.utf8))
        #expect(response == SubmitWorkflowJobResponse(requestId: "A01C8FF4-C106-4431-418F973DADB7TEST", taskId: "c4b0d6d1e2f3a4b5c6d7e8f9a0b1c2d3"))
        // The documented example has an empty TaskId.
        #expect(try SubmitWorkflowJobResponse.parse(Array(#"{"RequestId":"r","TaskId":""}"#.utf8)).taskId == "")
        #expect(throws: ResponseBodyError.self) { try SubmitWorkflowJobResponse.parse(Array(#"{"RequestId":"r"}"#.utf8)) }
    }

    @Test func errorCodesCompareCaseInsensitively() {
        #expect(AlibabaErrorCode.named("ServiceUnAvailable") == .serviceUnavailable)
        #expect(AlibabaErrorCode.serviceUnavailable.isRetryable)
        #expect(AlibabaErrorCode.throttlingUser.isRetryable)
        #expect(!AlibabaErrorCode.internalError.isRetryable)
        #expect(AlibabaErrorCode.internalError.effect == .outcomeUnknown)
        #expect(!AlibabaErrorCode.signatureDoesNotMatch.isRetryable)
        #expect(AlibabaErrorCode.missingWorkflowId.code == "MissingWorkflowId")
        #expect(AlibabaErrorCode.missingWorkflowId.httpStatus == 400)
        #expect(AlibabaErrorCode.named("nope") == nil)
        #expect(Set(AlibabaErrorCode.catalogue.map { $0.code.lowercased() }).count == AlibabaErrorCode.catalogue.count)
    }
}
