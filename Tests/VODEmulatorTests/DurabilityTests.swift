import AlibabaCloud
import Foundation
import Testing
import VOD
import VODEmulator

/// Accepted jobs survive a restart: the journal is fsynced before the answer and reloaded on start.
@Suite struct DurabilityTests {
    @Test func jobsSurviveARestart() async throws {
        let directory = try TemporaryDirectory()
        let state = directory.path + "/state"
        let configuration = try Harness.configuration()

        let first = try await Harness.start(configuration, stateDirectory: state)
        let a = try await first.response(first.signed()).success()
        let b = try await first.response(first.signed(scheme: .rpcV1)).success()
        await first.stop()

        let second = try await Harness.start(configuration, stateDirectory: state)
        let reloaded = await second.emulator.jobs()
        #expect(reloaded.map(\.taskId) == [a.taskId, b.taskId])
        #expect(reloaded.map(\.requestId) == [a.requestId, b.requestId])
        let c = try await second.response(second.signed()).success()
        #expect(await second.emulator.jobs().map(\.taskId) == [a.taskId, b.taskId, c.taskId])

        let listing = try await second.get("/_emulator/jobs")
        #expect(listing.status == 200)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(listing.body)) as? [String: Any])
        #expect(object["count"] as? Int == 3)
        #expect((object["jobs"] as? [[String: Any]])?.last?["TaskId"] as? String == c.taskId)
        await second.stop()

        let lines = try String(contentsOfFile: state + "/jobs.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(!lines.joined().contains(TestKeys.longTerm.accessKeyId))
    }

    @Test func aTornLastLineIsCutOffAndAppendsContinue() async throws {
        let directory = try TemporaryDirectory()
        let state = directory.path + "/state"
        let configuration = try Harness.configuration()
        let first = try await Harness.start(configuration, stateDirectory: state)
        _ = try await first.response(first.signed())
        await first.stop()

        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: state + "/jobs.jsonl"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"TaskId":"half-writ"#.utf8))
        try handle.close()

        let second = try await Harness.start(configuration, stateDirectory: state)
        #expect(await second.emulator.jobs().count == 1)
        #expect(second.logs.lines.contains { $0.contains("incomplete last line") })
        _ = try await second.response(second.signed())
        await second.stop()

        let third = try await Harness.start(configuration, stateDirectory: state)
        #expect(await third.emulator.jobs().count == 2)
        await third.stop()
    }

    @Test func aDamagedJournalRefusesToStart() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("state/jobs.jsonl", "this is not a job\n")
        let emulator = VODEmulator(configuration: try Harness.configuration(),
                                   options: EmulatorOptions(stateDirectory: directory.path + "/state", log: .silent))
        do {
            try await emulator.start()
            Issue.record("a damaged journal was accepted")
            await emulator.stop()
        } catch {
            #expect(error.kind == .state)
            #expect(error.message.contains("line 1"))
        }
    }

    @Test func twoEmulatorsCannotShareAStateDirectory() async throws {
        let directory = try TemporaryDirectory()
        let configuration = try Harness.configuration()
        let first = try await Harness.start(configuration, stateDirectory: directory.path)
        let second = VODEmulator(configuration: configuration,
                                 options: EmulatorOptions(stateDirectory: directory.path, log: .silent))
        await #expect(throws: EmulatorStartError.self) { try await second.start() }
        await first.stop()
    }

    @Test func withoutAStateDirectoryJobsAreKeptInMemory() async throws {
        let harness = try await Harness.start(try Harness.configuration())
        _ = try await harness.response(harness.signed())
        #expect(await harness.emulator.jobs().count == 1)
        await harness.stop()
    }
}
