import Foundation
@testable import RamguardKit
import Testing

/// `PolicyLoader.read` reads a regular file straight into a `String`; files it cannot trust that way
/// (bytes that are not UTF-8, text with the byte 0xEF, empty files) go the general way, with the same
/// results as before.
@Suite struct PolicyLoaderTests {
    private func withFile<R>(_ bytes: [UInt8], _ body: (String) throws -> R) throws -> R {
        let path = NSTemporaryDirectory() + "ramguard-loader-\(UUID().uuidString).json"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try body(path)
    }

    @Test func readsTextExactly() throws {
        let texts = [
            #"{"Version":"1","Statement":[]}"#,
            "",
            "{}",
            String(repeating: "x", count: 70_000),
            "\u{FEFF}" + #"{"Version":"1"}"#,  // a BOM: the byte 0xEF, read the general way
            #"{"Sid":"\#u{FFFD} é 值 🙂"}"#,  // U+FFFD written in the file is kept
        ]
        for text in texts {
            let file = try withFile(Array(text.utf8)) { try PolicyLoader().read($0) }
            #expect(file.text == text)
            #expect(Array(file.text.utf8) == Array(text.utf8))
            #expect(file.invalidUTF8At == nil)
        }
    }

    @Test func bytesThatAreNotUTF8AreRepairedAndLocated() throws {
        let cases: [[UInt8]] = [
            Array(#"{"a":"x"#.utf8) + [0xFF] + Array(#""}"#.utf8),
            Array(#"{"a":"x"#.utf8) + [0xF0, 0x9F, 0x98] + Array(#""}"#.utf8),  // a truncated sequence, repaired to one U+FFFD
            Array("{\n  \"a\": \"".utf8) + [0xC0, 0xAF] + Array("\"}".utf8),
        ]
        for bytes in cases {
            let file = try withFile(bytes) { try PolicyLoader().read($0) }
            #expect(file.text == String(decoding: bytes, as: UTF8.self))
            #expect(file.invalidUTF8At != nil)
        }
        let located = try withFile(cases[2]) { try PolicyLoader().read($0) }
        #expect(located.invalidUTF8At?.line == 2)
        #expect(located.invalidUTF8At?.offset == 10)
    }

    @Test func sizeLimitAndDirectoriesAreRefused() throws {
        #expect(throws: RamguardError.self) { try withFile(Array(repeating: 0x20, count: 100)) { try PolicyLoader(maxFileBytes: 99).read($0) } }
        #expect(throws: RamguardError.self) { try PolicyLoader().read(NSTemporaryDirectory()) }
        #expect(throws: RamguardError.self) { try PolicyLoader().read("/nonexistent/ramguard/policy.json") }
    }
}
