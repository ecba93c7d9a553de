import ActionCatalog
import Analysis
import Foundation
import RAMPolicy

/// The lint settings `lint` and `audit` share: strictness, the suppression file, the baseline, the gate.
public struct LintSettings: Sendable {
    /// `--config FILE`; when nil, `.ramguard.json` in the working directory is used if it exists.
    public var configPath: String?
    /// `--no-config`: ignore `.ramguard.json`.
    public var ignoreConfig: Bool
    public var baselinePath: String?
    /// `--write-baseline FILE`: record every current finding so later runs fail only on new ones.
    public var writeBaselinePath: String?
    public var failOn: [String]
    public var strict: Bool
    /// `--now`: the instant time rules (an expired `DateLessThan`) are judged at; default the current time.
    public var now: String?
    /// Whether each finding in the report carries its quoted source lines (``FindingInfo/snippet``).
    /// Off when the report goes to a format that never shows them (``ReportFormat/showsSourceQuotes``): a
    /// tree's 150,000 quotes cost a fifth of writing its JUnit report and 80 MB of memory.
    public var quotesSource = true
    /// Whether the report's findings are made while the report is written (``GatedRun/findingSource``)
    /// rather than held in ``Report/findings``: for formats whose encoders take a ``FindingSource``
    /// (``ReportFormat/streamsFindings``). A tree's 150,000 findings then never exist as report data all
    /// at once.
    public var streamsFindings = false

    public init(configPath: String? = nil, ignoreConfig: Bool = false, baselinePath: String? = nil,
                writeBaselinePath: String? = nil, failOn: [String] = [], strict: Bool = false, now: String? = nil) {
        self.configPath = configPath
        self.ignoreConfig = ignoreConfig
        self.baselinePath = baselinePath
        self.writeBaselinePath = writeBaselinePath
        self.failOn = failOn
        self.strict = strict
        self.now = now
    }

    public static let defaultConfigName = ".ramguard.json"

    /// Loads the configuration and baseline and builds the pass and the gate; every problem is a usage or
    /// input error (exit 2) that names the file, line and column.
    func prepare() throws(RamguardError) -> (pass: LintPass, gate: FindingGate, configPath: String?) {
        // Every lint needs the VOD action catalogue (5 ms to decode): decoded on another core while this
        // one reads the settings and lists the files. Whoever asks for it first waits for it.
        DispatchQueue.global().async { _ = ActionCatalog.vod }
        let gate = try FindingGate(parsing: failOn)
        var instant: ISO8601Instant?
        if let now {
            guard let parsed = ISO8601Instant(parsing: now) else {
                throw .usage("--now \(now): expected an ISO 8601 time with offset, for example 2026-11-29T12:00:00Z")
            }
            instant = parsed
        }
        var configuration: LintConfiguration?
        var usedConfig: String?
        let candidate = configPath ?? (ignoreConfig ? nil : Self.defaultConfigName)
        if let candidate, configPath != nil || PolicyTree.kind(of: candidate) == .file {
            let file = try PolicyLoader().read(candidate)
            do {
                configuration = try LintConfiguration(text: file.text, file: candidate)
            } catch {
                throw .unreadable(path: candidate, reason: "\(error)")
            }
            usedConfig = candidate
        }
        var baseline: LintBaseline?
        if let baselinePath {
            let file = try PolicyLoader(maxFileBytes: 256 << 20).read(baselinePath)
            do {
                baseline = try LintBaseline(decoding: file.text)
            } catch {
                throw .unreadable(path: baselinePath, reason: "\(error)")
            }
        }
        return (LintPass(strict: strict, configuration: configuration, baseline: baseline, now: instant), gate, usedConfig)
    }

    /// Writes the baseline of `findings` atomically.
    func writeBaseline(_ findings: @autoclosure () -> [Finding]) throws(RamguardError) {
        guard let writeBaselinePath else { return }
        try ReportWriter(format: .json, outputPath: writeBaselinePath)
            .write(bytes: Array(LintBaseline(findings: findings()).encode().utf8))
    }
}
