import AlibabaCloud
import Foundation
import Testing
import VOD
import VODEmulator

/// Each fault kind: whether it answers, with what, and whether the job was recorded.
@Suite struct FaultInjectionTests {
    @Test func serviceUnavailableIsNotProcessed() async throws {
        let harness = try await Harness.start(try Harness.configuration(faults: [FaultRule(kind: .serviceUnavailable, count: 2)]))
        for _ in 0..<2 {
            let response = try await harness.response(harness.signed())
            #expect(response.status == 503)
            let error = try response.errorBody()
            #expect(error.code == "ServiceUnavailable")
            #expect(error.knownCode?.isRetryable == true)
        }
        #expect(await harness.emulator.jobs().isEmpty)
        #expect(try await harness.response(harness.signed()).status == 200)
        #expect(await harness.emulator.jobs().count == 1)
        await harness.stop()
    }

    @Test func throttlingIsNotProcessedAndSaysWhenToRetry() async throws {
        let harness = try await Harness.start(try Harness.configuration(
            faults: [FaultRule(kind: .throttling, count: 1, retryAfterMilliseconds: 30)]))
        let response = try await harness.response(harness.signed(scheme: .rpcV1))
        #expect(response.status == 400)
        #expect(try response.errorBody().code == "Throttling.User")
        #expect(response.header("x-acs-retry-after") == "30")
        #expect(await harness.emulator.jobs().isEmpty)
        #expect(try await harness.response(harness.signed(scheme: .rpcV1)).status == 200)
        await harness.stop()
    }

    @Test func dropBeforeProcessingClosesWithoutRecording() async throws {
        let harness = try await Harness.start(try Harness.configuration(faults: [FaultRule(kind: .dropBeforeProcessing, count: 1)]))
        let outcome = try await harness.send(harness.signed())
        #expect(outcome.response == nil)
        #expect(await harness.emulator.jobs().isEmpty)
        #expect(try await harness.response(harness.signed()).status == 200)
        await harness.stop()
        #expect(harness.logs.lines.first?.contains("Result=connection-dropped") == true)
    }

    @Test func dropAfterProcessingRecordsThenCloses() async throws {
        let harness = try await Harness.start(try Harness.configuration(faults: [FaultRule(kind: .dropAfterProcessing, count: 1)]))
        let outcome = try await harness.send(harness.signed())
        #expect(outcome.response == nil)
        let jobs = await harness.emulator.jobs()
        #expect(jobs.count == 1)
        #expect(jobs.first?.injectedFault == "dropAfterProcessing")
        #expect(try await harness.response(harness.signed()).status == 200)
        #expect(await harness.emulator.jobs().count == 2)
        await harness.stop()
    }

    @Test func internalErrorRecordsThenAnswers500() async throws {
        let harness = try await Harness.start(try Harness.configuration(faults: [FaultRule(kind: .internalError, count: 1)]))
        let response = try await harness.response(harness.signed())
        #expect(response.status == 500)
        let error = try response.errorBody()
        #expect(error.code == "InternalError")
        #expect(error.knownCode?.effect == .outcomeUnknown)
        let jobs = await harness.emulator.jobs()
        #expect(jobs.count == 1)
        #expect(jobs.first?.injectedFault == "internalError")
        await harness.stop()
    }

    @Test func latencyDelaysTheAnswer() async throws {
        let harness = try await Harness.start(try Harness.configuration(
            faults: [FaultRule(kind: .latency, count: 1, latencyMilliseconds: 300)]))
        let start = Date()
        #expect(try await harness.response(harness.signed()).status == 200)
        #expect(Date().timeIntervalSince(start) >= 0.3)
        await harness.stop()
    }

    @Test func faultsMatchTheirWorkflowOnly() async throws {
        let harness = try await Harness.start(try Harness.configuration(
            workflows: [TestKeys.workflow, TestKeys.otherWorkflow],
            faults: [FaultRule(kind: .serviceUnavailable, workflowId: TestKeys.otherWorkflow)]))
        #expect(try await harness.response(harness.signed(SubmitWorkflowJobRequest(workflowId: TestKeys.workflow))).status == 200)
        for _ in 0..<3 {
            #expect(try await harness.response(harness.signed(SubmitWorkflowJobRequest(workflowId: TestKeys.otherWorkflow))).status == 503)
        }
        await harness.stop()
    }

    @Test func faultsComeFromTheConfigurationFile() throws {
        let directory = try TemporaryDirectory()
        try directory.write("allow.json", Policies.allowSubmit)
        let path = try directory.write("config.json", """
            {"identities": [{"accessKeyId": "LTAI-NOT-A-REAL-KEY-Id", "accessKeySecret": "s", "policies": ["allow.json"]}],
             "workflows": ["\(TestKeys.workflow)"],
             "faults": [
               {"match": {"workflowId": "\(TestKeys.workflow)"}, "kind": "serviceUnavailable", "count": 2},
               {"kind": "latency", "latencyMs": 250},
               {"kind": "throttling", "count": 1, "retryAfterMs": 30},
               {"kind": "dropAfterProcessing", "match": {"accessKeyId": "LTAI-NOT-A-REAL-KEY-Id"}, "count": 1}
             ]}
            """)
        let configuration = try EmulatorConfiguration.load(contentsOf: path)
        #expect(configuration.faults == [
            FaultRule(kind: .serviceUnavailable, workflowId: TestKeys.workflow, count: 2),
            FaultRule(kind: .latency, latencyMilliseconds: 250),
            FaultRule(kind: .throttling, count: 1, retryAfterMilliseconds: 30),
            FaultRule(kind: .dropAfterProcessing, accessKeyId: "LTAI-NOT-A-REAL-KEY-Id", count: 1),
        ])
    }
}
