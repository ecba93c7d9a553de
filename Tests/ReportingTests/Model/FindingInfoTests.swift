@testable import Reporting
import Testing

/// A finding made in place is the one the initialiser makes, field for field.
@Suite struct FindingInfoTests {
    @Test(arguments: [false, true])
    func initializedInPlaceEqualsInitialised(_ full: Bool) {
        let related = full ? [RelatedLocationInfo(message: "shadowed by", file: "b.json", line: 4, column: 5, endLine: 6, endColumn: 7,
                                                  path: "Statement[0]")] : []
        let suppressed = full ? SuppressionInfo(kind: "config", reason: "accepted") : nil
        let expected = FindingInfo(
            code: "WildcardAction", severity: "warning", title: "Wildcard action", help: "Lists every action.",
            message: "vod:* grants every action of the vod service", remedy: "List the actions.", file: "a.json",
            line: full ? 3 : nil, column: full ? 9 : nil, endLine: full ? 3 : nil, endColumn: full ? 16 : nil,
            path: "Statement[1].Action[0]", fingerprint: "0123456789abcdef",
            snippet: full ? [SourceLine(line: 3, text: "  \"Action\": \"vod:*\"")] : [], related: related, suppressed: suppressed)
        // Over memory filled with a pattern, so a field left out would not read as the expected value.
        let slot = UnsafeMutablePointer<FindingInfo>.allocate(capacity: 1)
        defer { slot.deallocate() }
        UnsafeMutableRawPointer(slot).initializeMemory(as: UInt8.self, repeating: 0x5A, count: MemoryLayout<FindingInfo>.size)
        FindingInfo.initialize(
            slot, code: expected.code, severity: expected.severity, title: expected.title, help: expected.help,
            message: expected.message, remedy: expected.remedy, file: expected.file, line: expected.line,
            column: expected.column, endLine: expected.endLine, endColumn: expected.endColumn, path: expected.path,
            fingerprint: expected.fingerprint, snippet: expected.snippet, related: expected.related,
            suppressed: expected.suppressed)
        #expect(slot.pointee == expected)
        slot.deinitialize(count: 1)
    }
}
