import AlibabaCloud
import Foundation
import Testing
import VOD
import VODEmulator

/// Raw requests the official Python SDKs sent (both generations, V1 and V3, long-term and STS keys),
/// replayed byte for byte against the emulator: every one must be accepted.
@Suite struct CapturedRequestReplayTests {
    struct Captured: Sendable, CustomTestStringConvertible {
        var scenario: String
        var method: String
        var target: String
        var headers: [[String]]
        var body: String
        var accessKeyId: String
        var testDescription: String { "\(scenario) \(KeyName.of(accessKeyId))" }
    }

    enum KeyName {
        static func of(_ id: String) -> String { id.hasPrefix("STS.") ? "sts" : "long-term" }
    }

    /// The fixture lives with the AlibabaCloud tests; fall back to the shared reference beside the clone.
    static func fixtureURL() throws -> URL {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [
            tests.appendingPathComponent("AlibabaCloudTests/Fixtures/sdk-captured-requests.json"),
            tests.deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("shared/reference/sdk-captured-requests.json"),
        ]
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            throw RawHTTPError(description: "sdk-captured-requests.json not found in \(candidates.map(\.path))")
        }
        return found
    }

    static func load() throws -> (requests: [Captured], credentials: [Credential]) {
        let data = try Data(contentsOf: try fixtureURL())
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let credentials = try #require(root["credentials"] as? [String: [String: Any]]).values.map { entry in
            Credential(accessKeyId: entry["access_key_id"] as? String ?? "",
                       accessKeySecret: entry["access_key_secret"] as? String ?? "",
                       securityToken: entry["security_token"] as? String)
        }
        var requests: [Captured] = []
        for scenario in try #require(root["scenarios"] as? [[String: Any]]) {
            for request in scenario["requests"] as? [[String: Any]] ?? [] {
                let check = request["server_side_signature_check"] as? [String: Any]
                requests.append(Captured(
                    scenario: scenario["name"] as? String ?? "?",
                    method: request["method"] as? String ?? "",
                    target: request["request_target"] as? String ?? "",
                    headers: request["headers"] as? [[String]] ?? [],
                    body: request["body"] as? String ?? "",
                    accessKeyId: check?["access_key_id"] as? String ?? ""))
            }
        }
        return (requests, credentials)
    }

    /// The capture's own clock: all requests were made within a few seconds of this.
    static let captureTime = SigningTimestamp.date(from: "2026-11-28T23:12:02Z") ?? Date()

    static func configuration(_ credentials: [Credential]) throws -> EmulatorConfiguration {
        let allow = try Policies.parse(Policies.allowSubmit, name: "allow.json")
        return EmulatorConfiguration(
            identities: credentials.map {
                EmulatorIdentity(accessKeyId: $0.accessKeyId, accessKeySecret: $0.accessKeySecret,
                                 securityToken: $0.securityToken, policies: [allow])
            },
            workflows: [TestKeys.workflow])
    }

    /// The request exactly as captured, except `Connection: close` so the exchange ends.
    static func wire(_ request: Captured) -> [UInt8] {
        var text = "\(request.method) \(request.target) HTTP/1.1\r\n"
        for header in request.headers where header.count == 2 && header[0].lowercased() != "connection" {
            text += "\(header[0]): \(header[1])\r\n"
        }
        text += "Connection: close\r\n\r\n"
        return Array(text.utf8) + Array(request.body.utf8)
    }

    @Test func theFixtureHasBothSDKGenerationsAndBothSchemes() throws {
        let (requests, credentials) = try Self.load()
        #expect(requests.count == 20)
        #expect(credentials.count == 2)
        #expect(requests.contains { $0.target.contains("Signature=") })
        #expect(requests.contains { $0.headers.contains { $0.first == "Authorization" } })
    }

    @Test func everyCapturedRequestIsAccepted() async throws {
        let (requests, credentials) = try Self.load()
        let harness = try await Harness.start(try Self.configuration(credentials), clock: .fixed(Self.captureTime))
        for request in requests {
            let outcome = try await RawHTTPClient.send(Self.wire(request), port: harness.port)
            let response = try #require(outcome.response, "\(request.testDescription): no response")
            #expect(response.status == 200, "\(request.testDescription): \(response.text)")
            if response.status == 200 {
                #expect(VODIdentifier.isCanonical(try response.success().taskId))
            }
        }
        let jobs = await harness.emulator.jobs()
        #expect(jobs.count == requests.count)
        #expect(Set(jobs.map(\.signatureScheme)) == ["ACS3-HMAC-SHA256", "RPC-V1-HMAC-SHA1"])
        #expect(jobs.contains { $0.mediaId == "058b39e75269 da42*b08f~00459/é" })
        await harness.stop()
    }

    @Test func capturesAreTooOldForTheRealClock() async throws {
        let (requests, credentials) = try Self.load()
        let harness = try await Harness.start(try Self.configuration(credentials))
        let first = try #require(requests.first)
        let response = try #require(try await RawHTTPClient.send(Self.wire(first), port: harness.port).response)
        #expect(response.status == 400)
        #expect(try response.errorBody().code == "InvalidTimeStamp.Expired")
        await harness.stop()
    }

    @Test func aTamperedCaptureIsRejected() async throws {
        let (requests, credentials) = try Self.load()
        let harness = try await Harness.start(try Self.configuration(credentials), clock: .fixed(Self.captureTime))
        for request in requests.prefix(4) {
            var tampered = request
            tampered.target = tampered.target.replacingOccurrences(of: TestKeys.workflow, with: TestKeys.otherWorkflow)
            let response = try #require(try await RawHTTPClient.send(Self.wire(tampered), port: harness.port).response)
            #expect(response.status == 400, "\(request.testDescription)")
            #expect(try response.errorBody().code == "SignatureDoesNotMatch")
        }
        #expect(await harness.emulator.jobs().isEmpty)
        await harness.stop()
    }
}
