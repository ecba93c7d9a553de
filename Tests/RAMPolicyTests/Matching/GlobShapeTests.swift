@testable import RAMPolicy
import Testing

/// The one-pass ASCII compilation of a glob must give the shape the general, scalar-by-scalar path gives.
@Suite struct GlobShapeTests {
    @Test func asciiShapeEqualsTheGeneralShape() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("aZ*?:/-vodSUBMIT0".utf8)
        var patterns = ["", "*", "**", "*:*", "vod:*", "*:SubmitWorkflowJob", "vod:Get*", "VOD:SubmitWorkflowJob", "?", "a?b*", "*Job"]
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...12, using: &rng)
            patterns.append(String(decoding: (0..<length).map { _ in alphabet.randomElement(using: &rng)! }, as: UTF8.self))
        }
        for pattern in patterns {
            for fold in [true, false] {
                let fast = Glob.asciiShape(pattern, fold: fold)
                #expect(fast == Glob.generalShape(fold ? Glob.fold(pattern) : pattern), "\(pattern) fold: \(fold)")
            }
        }
    }

    @Test func nonASCIIPatternsTakeTheGeneralPath() {
        #expect(Glob.asciiShape("acs:oss:*:*:策略/*", fold: false) == nil)
        let glob = Glob("VOD:Ünicode*", caseInsensitive: true)
        #expect(glob.matches("vod:ünicodeX"))
        #expect(!glob.matches("vod:unicodeX"))
    }
}
