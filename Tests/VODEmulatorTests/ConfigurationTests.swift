import Foundation
import Testing
import VOD
import VODEmulator

/// The configuration file: what it accepts, and errors that name the file, JSON path and line.
@Suite struct ConfigurationTests {
    static let secret = "VerySecretValue0123456789abcdef"

    func load(_ config: String, files: [String: String] = ["allow.json": Policies.allowSubmit]) throws(EmulatorConfigurationError) -> EmulatorConfiguration {
        let directory: TemporaryDirectory
        let path: String
        do {
            directory = try TemporaryDirectory()
            for (name, text) in files { try directory.write(name, text) }
            path = try directory.write("emulator.json", config)
        } catch {
            Issue.record("cannot set up: \(error)")
            throw EmulatorConfigurationError(file: "", problems: [])
        }
        return try withExtendedLifetime(directory) { () throws(EmulatorConfigurationError) in
            try EmulatorConfiguration.load(contentsOf: path)
        }
    }

    func problems(_ config: String, files: [String: String] = ["allow.json": Policies.allowSubmit]) -> EmulatorConfigurationError? {
        do {
            _ = try load(config, files: files)
            return nil
        } catch {
            return error
        }
    }

    @Test func aCompleteConfigurationLoads() throws {
        let configuration = try load("""
            {
              "identities": [
                {"accessKeyId": "LTAI-NOT-A-REAL-KEY-Id", "accessKeySecret": "\(Self.secret)", "policies": ["allow.json"]},
                {"accessKeyId": "STS.NUExampleTemporaryAccessKey01", "accessKeySecret": "x", "securityToken": "CAIS",
                 "securityTokenExpiration": "2030-01-01T00:00:00Z", "policies": ["allow.json", "policies/deny.json"],
                 "sessionPolicy": "session.json", "accountId": "1111222233334444", "displayName": "Role:Session"}
              ],
              "workflows": ["\(TestKeys.workflow)", "\(TestKeys.otherWorkflow)"],
              "regionId": "ap-southeast-1",
              "defaultFormat": "xml"
            }
            """, files: ["allow.json": Policies.allowSubmit, "policies/deny.json": Policies.denySubmit,
                         "session.json": Policies.allowSubmit])
        #expect(configuration.identities.count == 2)
        #expect(configuration.identities[1].policies.count == 2)
        #expect(configuration.identities[1].sessionPolicy != nil)
        #expect(configuration.identities[1].principalType == "AssumedRoleUser")
        #expect(configuration.identities[1].accountId == "1111222233334444")
        #expect(configuration.identities[0].principalType == "SubUser")
        #expect(configuration.workflows == [TestKeys.workflow, TestKeys.otherWorkflow])
        #expect(configuration.hostId == "vod.ap-southeast-1.aliyuncs.com")
        #expect(configuration.defaultFormat == .xml)
        #expect(!String(describing: configuration.identities[0]).contains(Self.secret))
        #expect(!String(reflecting: configuration.identities[0]).contains(Self.secret))
        var dumped = ""
        dump(configuration.identities[0], to: &dumped)
        #expect(!dumped.contains(Self.secret))
    }

    @Test func syntaxErrorsHaveALine() throws {
        let error = try #require(problems("{\n  \"identities\": [,]\n}"))
        #expect(error.problems.first?.line == 2)
        #expect(error.description.contains("emulator.json:2:"))
    }

    @Test func missingSectionsAndUnknownFieldsAreNamed() throws {
        let error = try #require(problems("""
            {"identity": [], "workflows": "abc"}
            """))
        let paths = error.problems.map(\.path)
        #expect(paths.contains("identity"))
        #expect(paths.contains("identities"))
        #expect(paths.contains("workflows"))
        #expect(error.problems.first { $0.path == "identity" }?.message.contains("unknown field") == true)
    }

    @Test func identityProblemsHaveTheirPathAndNeverTheSecret() throws {
        let error = try #require(problems("""
            {"identities": [
               {"accessKeyId": "LTAI-NOT-A-REAL-KEY-Id", "accessKeySecret": "\(Self.secret)", "policies": ["allow.json"], "acessKeySecret": 1},
               {"accessKeyId": "LTAI-NOT-A-REAL-KEY-Id", "accessKeySecret": "\(Self.secret)", "policies": ["allow.json"]},
               {"accessKeyId": "LTAI-FAKE-ThirdKeyId00000000", "policies": [42], "sessionPolicy": "allow.json"}
             ],
             "workflows": []}
            """))
        let paths = error.problems.map(\.path)
        #expect(paths.contains("identities[0].acessKeySecret"))
        #expect(paths.contains("identities[1].accessKeyId"))
        #expect(paths.contains("identities[2].accessKeySecret"))
        #expect(paths.contains("identities[2].policies[0]"))
        #expect(paths.contains("identities[2].sessionPolicy"))
        #expect(!error.description.contains(Self.secret))
        #expect(error.problems.allSatisfy { $0.line != nil })
    }

    @Test func anInvalidPolicyIsAConfigurationError() throws {
        let error = try #require(problems("""
            {"identities": [{"accessKeyId": "LTAI-NOT-A-REAL-KEY-Id", "accessKeySecret": "s", "policies": ["bad.json", "gone.json"]}],
             "workflows": []}
            """, files: ["bad.json": #"{"Version":"2","Statement":[{"Effect":"allow","Action":"vod:SubmitWorkflowJob"}]}"#]))
        let bad = try #require(error.problems.first { $0.path == "identities[0].policies[0]" })
        #expect(bad.message.contains("is not valid"))
        #expect(bad.message.contains("Version"))
        let gone = try #require(error.problems.first { $0.path == "identities[0].policies[1]" })
        #expect(gone.message.contains("cannot read"))
    }

    @Test func aSessionPolicyIsValidatedAsASessionPolicy() throws {
        // A session policy may be at most 2,048 characters (PolicyKind.session).
        let long = #"{"Version":"1","Statement":[{"Effect":"Allow","Action":"vod:SubmitWorkflowJob","Resource":"*","Condition":{"StringEquals":{"acs:AccessId":""#
            + String(repeating: "x", count: 2100) + #""}}}]}"#
        let error = try #require(problems("""
            {"identities": [{"accessKeyId": "STS.NUExampleTemporaryAccessKey01", "accessKeySecret": "s", "securityToken": "t",
                             "policies": ["allow.json"], "sessionPolicy": "long.json"}],
             "workflows": []}
            """, files: ["allow.json": Policies.allowSubmit, "long.json": long]))
        #expect(error.problems.first?.path == "identities[0].sessionPolicy")
        #expect(error.problems.first?.message.contains("session policy") == true)
    }

    @Test func badFaultsAreNamed() throws {
        let error = try #require(problems("""
            {"identities": [{"accessKeyId": "LTAI-NOT-A-REAL-KEY-Id", "accessKeySecret": "s", "policies": ["allow.json"]}],
             "workflows": [],
             "faults": [{"kind": "explode"}, {"kind": "latency"}, {"kind": "throttling", "count": 0},
                        {"kind": "internalError", "latencyMs": 5}, {"kind": "serviceUnavailable", "match": {"workflow": "x"}}]}
            """))
        let paths = error.problems.map(\.path)
        #expect(paths.contains("faults[0].kind"))
        #expect(paths.contains("faults[1].latencyMs"))
        #expect(paths.contains("faults[2].count"))
        #expect(paths.contains("faults[3].latencyMs"))
        #expect(paths.contains("faults[4].match.workflow"))
    }

    @Test func anUnreadableFileIsAnError() {
        #expect(throws: EmulatorConfigurationError.self) {
            try EmulatorConfiguration.load(contentsOf: "/nonexistent/emulator.json")
        }
    }

    @Test(arguments: ["127.0.0.1:0", "localhost:8080", "[::1]:9000", "127.1.2.3:1"])
    func loopbackAddressesAreAccepted(text: String) throws {
        let address = try LoopbackAddress(parsing: text)
        #expect(address.host.hasPrefix("127.") || address.host == "::1")
    }

    @Test(arguments: ["0.0.0.0:0", "192.168.1.10:80", "example.com:80", "[::]:0", "10.0.0.1:1"])
    func otherAddressesAreRefused(text: String) {
        do {
            _ = try LoopbackAddress(parsing: text)
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.kind == .notLoopback)
        }
    }

    @Test(arguments: ["127.0.0.1", "127.0.0.1:99999", ":80", "[::1]80"])
    func malformedAddressesAreRefused(text: String) {
        #expect(throws: EmulatorStartError.self) { try LoopbackAddress(parsing: text) }
    }

    @Test func anIPv6LoopbackEmulatorAnswers() async throws {
        let emulator = VODEmulator(configuration: try Harness.configuration(),
                                   options: EmulatorOptions(address: try LoopbackAddress(parsing: "[::1]:0"), log: .silent))
        let result: Result<URL, EmulatorStartError>
        do {
            result = .success(try await emulator.start())
        } catch {
            result = .failure(error)
        }
        switch result {
        case .success(let url):
            #expect(url.absoluteString.hasPrefix("http://[::1]:"))
        case .failure(let error):
            // Acceptable only where the machine has no IPv6 loopback.
            #expect(error.kind == .bind)
        }
        await emulator.stop()
    }

    @Test func anEmulatorStartsOnlyOnce() async throws {
        let harness = try await Harness.start(try Harness.configuration())
        await #expect(throws: EmulatorStartError.self) { try await harness.emulator.start() }
        await harness.stop()
        await harness.stop()
    }
}
