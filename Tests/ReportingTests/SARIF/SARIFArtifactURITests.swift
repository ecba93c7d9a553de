@testable import Reporting
import Testing

/// A plain path's URI is taken from the path itself, without splitting it; it must be exactly the URI the
/// general (split, normalize, percent-encode) path gives, for every path and base directory.
@Suite struct SARIFArtifactURITests {
    static let bases: [String?] = [nil, "/", "/tmp", "/tmp/sub/", "/work/main", "relative/base"]

    static let edges = [
        "", "/", "a", "/a", "a/", "/a/", "//a", "a//b", "./a", "a/.", "a/./b", "a/..", "../a", "a/../b", "/a/../../b", ".a", "..a",
        "a/...", "a/.b/..c", "/tmp", "/tmp/", "/tmp/sub", "/tmp/sub/x.json", "/tmpx/a.json", "/tmp/sub/../x.json",
        "/work/main/policies/identities/vod-full-access/policy.json", "policies/a b/ü.json", "p/%41.json", "p/a:b.json",
        "/work/mainx/p.json", "~/p.json", "-_~.json",
    ]

    @Test(arguments: bases)
    func plainPathsMatchTheGeneralRule(base: String?) {
        let uris = SARIFArtifactURI(baseDirectory: base)
        var generator = SystemRandomNumberGenerator()
        let alphabet = ["a", "Z", "9", "-", "_", "~", ".", "/", "/", "/", " ", "%", "é", ":"]
        var paths = Self.edges
        for _ in 0..<3_000 {
            let length = Int.random(in: 1...14, using: &generator)
            paths.append((0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined())
            paths.append("/tmp/" + paths.last!)
        }
        for path in paths {
            let fast = uris.location(path)
            let general = uris.normalizedLocation(path)
            #expect(fast.uri == general.uri && fast.uriBaseId == general.uriBaseId, "\(path) against base \(base ?? "none")")
        }
    }

    @Test func plainMeansNothingToNormalizeOrEncode() {
        for path in ["a", "/a", "a/b.json", "/tmp/sub/team-00/identity-0000/policy-1.json", ".ramguard.json", "a/...", "~x/-_"] {
            #expect(SARIFArtifactURI.isPlain(Array(path.utf8)), "\(path)")
        }
        for path in ["", "/", "a/", "//a", "a//b", ".", "..", "./a", "a/.", "a/..", "a b", "a%20", "ü", "a:b"] {
            #expect(!SARIFArtifactURI.isPlain(Array(path.utf8)), "\(path)")
        }
    }
}
