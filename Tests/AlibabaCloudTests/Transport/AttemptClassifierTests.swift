import AlibabaCloud
import Foundation
import Testing

/// The retry classification table of ``AttemptVerdict``, row by row.
@Suite("AttemptClassifier")
struct AttemptClassifierTests {
    let classifier = AttemptClassifier()

    static func body(_ code: String, _ message: String = "m") -> [UInt8] {
        Array(#"{"RequestId":"R-1","HostId":"vod.cn-shanghai.aliyuncs.com","Code":"\#(code)","Message":"\#(message)"}"#.utf8)
    }

    @Test("transport failures", arguments: [
        (TransportError.Kind.connectionFailed, "retryable"),
        (.hostNotFound, "retryable"),
        (.tlsFailed, "not-sent"),
        (.invalidRequest, "not-sent"),
        (.timedOut, "unknown"),
        (.connectionLost, "unknown"),
        (.badResponse, "unknown"),
        (.cancelled, "unknown"),
        (.other, "unknown"),
    ])
    func transport(kind: TransportError.Kind, label: String) {
        #expect(classifier.classify(TransportError(kind: kind, message: "x")).label == label)
    }

    @Test("error answers", arguments: [
        (400, "Throttling.User", "retryable"),
        (400, "Throttling.Api", "retryable"),
        (400, "Throttling", "retryable"),
        (429, "throttling.user", "retryable"),
        (503, "ServiceUnavailable", "retryable"),
        (503, "ServiceUnAvailable", "retryable"),
        (403, "Forbidden.RAM", "denied"),
        (403, "Forbidden", "denied"),
        (403, "NoPermission", "denied"),
        (403, "NotAuthorized", "denied"),
        (403, "AccessDenied", "denied"),
        (400, "SignatureDoesNotMatch", "rejected"),
        (400, "InvalidTimeStamp.Expired", "rejected"),
        (400, "SignatureNonceUsed", "rejected"),
        (404, "InvalidWorkflow.NotFound", "rejected"),
        (403, "OperationDenied", "rejected"),
        (500, "InternalError", "unknown"),
        (500, "UnknownError", "unknown"),
        (502, "BadGateway", "unknown"),
        (504, "GatewayTimeout", "unknown"),
    ])
    func answers(status: Int, code: String, label: String) {
        let verdict = classifier.classify(HTTPResponse(status: status, body: Self.body(code)))
        #expect(verdict.label == label, "\(code) → \(verdict)")
    }

    @Test("a 503 without a service code (a proxy's page) is not provably the gateway: unknown")
    func bare503() {
        #expect(classifier.classify(HTTPResponse(status: 503, body: Array("<html>busy</html>".utf8))).label == "unknown")
        #expect(classifier.classify(HTTPResponse(status: 503)).label == "unknown")
    }

    @Test("an AccessDeniedDetail makes any code a denial")
    func detail() {
        let body = Array(#"{"Code":"Whatever","AccessDeniedDetail":{"NoPermissionType":"ImplicitDeny"}}"#.utf8)
        #expect(classifier.classify(HTTPResponse(status: 403, body: body)).label == "denied")
    }

    @Test("x-acs-retry-after is carried to the retry")
    func retryAfter() {
        let verdict = classifier.classify(HTTPResponse(status: 400, headers: [SignableRequest.Header("x-acs-retry-after", "30")], body: Self.body("Throttling.User")))
        guard case .retryable(_, let after) = verdict else {
            Issue.record("expected retryable, got \(verdict)")
            return
        }
        #expect(after == 30)
    }

    @Test("2xx: success, or unknown when the body cannot be read")
    func success() {
        let strict = AttemptClassifier(parser: ServiceErrorParser()) { ResponseFields(body: $0.body)?.value("TaskId") != nil }
        #expect(strict.classify(HTTPResponse(status: 200, body: Array(#"{"RequestId":"R","TaskId":"T"}"#.utf8))).label == "success")
        #expect(strict.classify(HTTPResponse(status: 200, body: Array("<SubmitWorkflowJobResponse><RequestId>R</RequestId><TaskId>T</TaskId></SubmitWorkflowJobResponse>".utf8))).label == "success")
        #expect(strict.classify(HTTPResponse(status: 200, body: Array("garbage".utf8))).label == "unknown")
        #expect(strict.classify(HTTPResponse(status: 200)).label == "unknown")
        #expect(classifier.classify(HTTPResponse(status: 204)).label == "success")
    }
}
