import AlibabaCloud
import Foundation
import RAMPolicy
import RamguardKit
import Testing
import VODEmulator

/// `--emulator`: the runner starts a local endpoint through ``LocalEndpointProvider``.
@Suite("submit --emulator")
struct EmulatorModeTests {
    /// The same wiring as the command line's: one identity, the workflow, no faults.
    actor Provider: LocalEndpointProvider {
        var emulator: VODEmulator?
        var startedWith: Credential?

        func start(credential: Credential, policies: [Policy], sessionPolicy: Policy?, workflowIds: [String]) async throws -> String {
            startedWith = credential
            let identity = EmulatorIdentity(accessKeyId: credential.accessKeyId, accessKeySecret: credential.accessKeySecret,
                                            securityToken: credential.securityToken, policies: policies, sessionPolicy: sessionPolicy)
            let emulator = VODEmulator(configuration: EmulatorConfiguration(identities: [identity], workflows: workflowIds),
                                       options: EmulatorOptions(log: .silent))
            self.emulator = emulator
            return try await emulator.start().absoluteString
        }

        func stop() async { await emulator?.stop(timeout: 0.1) }
    }

    @Test("without configured credentials the demo key is used, and the report says so")
    func demoKey() async throws {
        let scratch = try Scratch()
        let provider = Provider()
        let options = SubmitOptions(workflowId: Keys.workflow, environment: ["HOME": scratch.path, "ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true"],
                                    homeDirectory: scratch.path)
        let run = try await SubmitRun.run(options, localEndpoint: provider)
        #expect(run.result.exitCode == 0)
        #expect(await provider.startedWith == PreflightPlanner.demoCredential)
        #expect(run.report.submission?.credential?.source.contains("demo key") == true)
        #expect(run.report.submission?.notes.contains { $0.contains("demo key") } == true)
        #expect(run.report.submission?.notes.contains { $0.contains("least-privilege") } == true)
        #expect(run.report.preflight?.first { $0.id == "policy.grants-submit" }?.status == "undecided")
    }

    @Test("configured credentials are used, and the emulator's identity gets the --policy files")
    func chainCredentials() async throws {
        let scratch = try Scratch()
        let provider = Provider()
        let deny = try scratch.write("deny.json", PolicyText.denySubmit)
        var options = SubmitOptions(workflowId: Keys.workflow, policies: [deny], environment: Keys.environment(Keys.longTerm, home: scratch.path),
                                    homeDirectory: scratch.path)
        options.environment["ALIBABA_CLOUD_ECS_METADATA_DISABLED"] = "true"
        let run = try await SubmitRun.run(options, localEndpoint: provider)
        #expect(await provider.startedWith == Keys.longTerm)
        #expect(run.result.exitCode == 1)  // denied locally by the same policy
        #expect(run.transport.requests.isEmpty)
        #expect(run.report.submission?.credential?.source.contains("environment") == true)
    }

    @Test("--emulator with --endpoint is a usage error")
    func usage() async throws {
        let scratch = try Scratch()
        var options = SubmitOptions.test(endpoint: "https://vod.cn-shanghai.aliyuncs.com", home: scratch.path)
        options.endpoint = "https://vod.cn-shanghai.aliyuncs.com"
        await #expect(throws: RamguardError.self) {
            _ = try await SubmitRun.run(options, localEndpoint: Provider())
        }
    }
}
