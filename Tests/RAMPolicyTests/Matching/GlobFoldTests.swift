@testable import RAMPolicy
import Testing

/// `Glob.fold` lower-cases exactly as `lowercased()` does: ASCII on its fast path, everything else
/// through Swift's Unicode mapping.
@Suite struct GlobFoldTests {
    @Test func agreesWithLowercasedOnAsciiAndUnicode() {
        var samples = ["", "a", "A", "vod:SubmitWorkflowJob", "ACS:SourceIp", "already-lower", "@[`{", "Z", "z",
                       "MixedCASE with Spaces 0123456789", "Straße", "ÄÖÜ", "ΣΑΣ", "İstanbul", "vod:Submit🔐Job", "ǅ"]
        var generator = SystemRandomNumberGenerator()
        for length in 0..<40 {
            let scalars = (0..<length).map { _ in Character(Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &generator))) }
            samples.append(String(scalars))
        }
        for sample in samples {
            #expect(Glob.fold(sample) == sample.lowercased(), "\(sample)")
            // A string built from a slice takes the same paths.
            let sliced = String(("x" + sample + "y").dropFirst().dropLast())
            #expect(Glob.fold(sliced) == sample.lowercased(), "\(sample)")
        }
    }
}
