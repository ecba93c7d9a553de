import Analysis

/// `ramguard lint --list-rules`: every finding code, for people writing `.ramguard.json` or `--fail-on`.
public enum RuleListing {
    public static func text() -> String {
        var out = ""
        for severity in FindingSeverity.allCases.reversed() {
            let codes = FindingCode.all.filter { $0.severity == severity }
            guard !codes.isEmpty else { continue }
            out += "\(severity.rawValue)\n"
            for code in codes.sorted(by: { $0.id < $1.id }) {
                out += "  \(code.id) — \(code.title)\n      \(code.remedy)\n"
            }
        }
        return out
    }
}
