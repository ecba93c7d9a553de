import AlibabaCloud
import Foundation
import Testing

@Suite("ECSMetadataProbe")
struct ECSMetadataProbeTests {
    final class Recorder: HTTPTransport, @unchecked Sendable {
        let answers: [String: HTTPResponse]
        private let lock = NSLock()
        private var urls: [String] = []
        private var limits: [TransportTimeouts] = []
        init(_ answers: [String: HTTPResponse]) { self.answers = answers }

        func send(_ request: HTTPRequest, timeouts: TransportTimeouts) async throws(TransportError) -> HTTPResponse {
            note(request.url, timeouts)
            guard let answer = answers[request.url] else { throw TransportError(kind: .timedOut, message: "no answer") }
            return answer
        }

        private func note(_ url: String, _ timeouts: TransportTimeouts) {
            lock.lock(); urls.append(url); limits.append(timeouts); lock.unlock()
        }

        var sent: [String] { lock.lock(); defer { lock.unlock() }; return urls }
        var timeouts: [TransportTimeouts] { lock.lock(); defer { lock.unlock() }; return limits }
    }

    @Test("ALIBABA_CLOUD_ECS_METADATA_DISABLED=true: nothing is contacted")
    func disabled() async {
        let transport = Recorder([:])
        let result = await ECSMetadataProbe(environment: ["ALIBABA_CLOUD_ECS_METADATA_DISABLED": "TRUE"], transport: transport).probe()
        #expect(result.status == "disabled")
        #expect(transport.sent.isEmpty)
    }

    @Test("no answer: unreachable, with the SDKs' 1 s timeouts")
    func unreachable() async {
        let transport = Recorder([:])
        let result = await ECSMetadataProbe(environment: [:], transport: transport).probe()
        #expect(result.status == "unreachable")
        #expect(transport.sent == ["http://100.100.100.200/latest/api/token"])
        #expect(transport.timeouts == [TransportTimeouts(connect: 1, read: 1)])
    }

    @Test("an answering service: needs a network call, role named, credentials never fetched")
    func reachable() async {
        let transport = Recorder([
            "http://100.100.100.200/latest/api/token": HTTPResponse(status: 200, body: Array("token-value".utf8)),
            "http://100.100.100.200/latest/meta-data/ram/security-credentials/": HTTPResponse(status: 200, body: Array("VodPipelineRole\n".utf8)),
        ])
        let result = await ECSMetadataProbe(environment: [:], transport: transport).probe()
        #expect(result == .reachable(roleName: "VodPipelineRole", detail: "the metadata service answers and the instance has the RAM role \"VodPipelineRole\""))
        #expect(result.status == "needs-network-call")
        #expect(!transport.sent.contains { $0.hasSuffix("/VodPipelineRole") })
    }
}
