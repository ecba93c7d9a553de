import AlibabaCloud
import Foundation
import RamguardKit

/// In-process cost of the pieces of one client-path call that need no network, in microseconds per
/// call on one thread: where the client's CPU goes before and after the socket.
func measureParts(iterations: Int, credential: Credential, workflowId: String) -> [(String, Double)] {
    let clock = ContinuousClock()
    let endpoint = try! ServiceEndpoint(parsing: "http://127.0.0.1:8080")
    func perCall(_ count: Int, _ body: () -> Void) -> Double {
        for _ in 0..<min(count / 10, 200) { body() }  // warm-up
        let elapsed = clock.measure { for _ in 0..<count { body() } }
        return seconds(elapsed) * 1e6 / Double(count)
    }
    var sink = 0
    let v3Base = unsignedSubmitRequest(host: endpoint.authority, scheme: .v3, workflowId: workflowId)
    let v1Base = unsignedSubmitRequest(host: endpoint.authority, scheme: .rpcV1, workflowId: workflowId)
    let v3 = perCall(iterations) {
        var unsigned = v3Base
        unsigned.setHeader("User-Agent", SubmitRunner.userAgent)
        let signed = V3Signer().sign(unsigned, with: credential)
        sink &+= HTTPRequest(signed.request, endpoint: endpoint).url.utf8.count
    }
    let v1 = perCall(iterations) {
        var unsigned = v1Base
        unsigned.setHeader("User-Agent", SubmitRunner.userAgent)
        let signed = RPCV1Signer().sign(unsigned, with: credential)
        sink &+= HTTPRequest(signed.request, endpoint: endpoint).url.utf8.count
    }
    let body = Array(#"{"RequestId":"A01C8FF4-C106-4431-8F97-3DADB7C1D2E3","TaskId":"0f1e2d3c4b5a69788796a5b4c3d2e1f0"}"#.utf8)
    let response = HTTPResponse(status: 200, headers: [SignableRequest.Header("Content-Type", "application/json;charset=utf-8")], body: body)
    let classifier = AttemptClassifier(parser: ServiceErrorParser(scrubber: SecretScrubber(credential: credential))) { response in
        ResponseBodyFields(body: response.body)?.value("TaskId") != nil
    }
    let classify = perCall(iterations) {
        if case .success(let answer) = classifier.classify(.success(response)) {
            sink &+= ResponseBodyFields(body: answer.body)?.value("TaskId")?.utf8.count ?? 0
        }
    }
    if sink == 42 { print("") }
    return [
        ("V3 sign + HTTPRequest (per call)", v3),
        ("V1 sign + HTTPRequest (per call)", v1),
        ("classify 200 + read TaskId", classify),
    ]
}
