import Foundation
import RamguardKit
import Testing

@Suite("submit journal")
struct JournalTests {
    static func entry(_ type: JournalEntry.Kind, _ submission: String, _ attempt: Int = 1, result: String? = nil, force: Bool? = nil,
                      workflow: String = Keys.workflow, media: String? = nil) -> JournalEntry {
        JournalEntry(type: type, submission: submission, attempt: attempt, time: "2026-01-01T00:00:00Z", workflowId: workflow,
                     mediaId: media, endpoint: "https://vod.cn-shanghai.aliyuncs.com", signatureVersion: "v3",
                     accessKeyId: "LTAI****01", force: force, result: result)
    }

    @Test("an intent without an outcome (the run died) and an unknown outcome are unresolved")
    func unresolved() {
        let entries = [
            Self.entry(.intent, "a"), Self.entry(.outcome, "a", result: "success"),
            Self.entry(.intent, "b"), Self.entry(.outcome, "b", result: "unknown"),
            Self.entry(.intent, "c"),
            Self.entry(.intent, "d"), Self.entry(.outcome, "d", result: "retryable"), Self.entry(.intent, "d", 2), Self.entry(.outcome, "d", 2, result: "success"),
        ]
        let found = SubmitJournal.unresolved(in: entries, workflowId: Keys.workflow, mediaId: nil)
        #expect(found.map(\.submission) == ["b", "c"])
        #expect(SubmitJournal.unresolved(in: entries, workflowId: Keys.workflow, mediaId: Keys.media).isEmpty)
        #expect(SubmitJournal.unresolved(in: entries, workflowId: "0123456789abcdef0123456789abcdef", mediaId: nil).isEmpty)
    }

    @Test("a forced run acknowledges earlier unknown outcomes, but its own unknown outcome counts")
    func force() {
        let acknowledged = [
            Self.entry(.intent, "a"), Self.entry(.outcome, "a", result: "unknown"),
            Self.entry(.intent, "b", force: true), Self.entry(.outcome, "b", result: "success"),
        ]
        #expect(SubmitJournal.unresolved(in: acknowledged, workflowId: Keys.workflow, mediaId: nil).isEmpty)
        let forcedUnknown = acknowledged + [Self.entry(.intent, "c", force: true), Self.entry(.outcome, "c", result: "unknown")]
        #expect(SubmitJournal.unresolved(in: forcedUnknown, workflowId: Keys.workflow, mediaId: nil).map(\.submission) == ["c"])
    }

    @Test("entries are appended as JSON lines; a partial line is skipped and reported")
    func appendAndRead() throws {
        let scratch = try Scratch()
        let path = scratch.file("j.jsonl")
        do {
            let journal = try SubmitJournal(path: path)
            try journal.append(Self.entry(.intent, "a"))
            try journal.append(Self.entry(.outcome, "a", result: "unknown"))
        }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"type":"intent","submis"#.utf8))
        try handle.close()
        let (entries, unreadable) = SubmitJournal.read(path: path)
        #expect(entries.map(\.type) == [.intent, .outcome])
        #expect(unreadable == [3])
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test("a journal in use by another run cannot be opened")
    func locked() throws {
        let scratch = try Scratch()
        let path = scratch.file("j.jsonl")
        let first = try SubmitJournal(path: path)
        #expect(throws: RamguardError.self) { _ = try SubmitJournal(path: path) }
        _ = first
    }
}
