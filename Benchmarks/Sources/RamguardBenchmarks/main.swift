import Foundation
import RAMPolicy

// ramguard benchmarks: prints the figures issue #2 names. Usage:
//   RamguardBenchmarks [--ramguard PATH] [--quick]
// In-process figures run on one core (this thread). The end-to-end figure runs the CLI binary.

@inline(never) func blackHole<T>(_ x: T) { withExtendedLifetime(x) {} }

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

func measure(_ body: () -> Int) -> (count: Int, seconds: Double) {
    let clock = ContinuousClock()
    var count = 0
    let d = clock.measure { count = body() }
    return (count, seconds(d))
}

func fmt(_ x: Double) -> String {
    if x >= 1e6 { return String(format: "%.2f M", x / 1e6) }
    if x >= 1e3 { return String(format: "%.1f k", x / 1e3) }
    return String(format: "%.2f", x)
}

let args = CommandLine.arguments
let quick = args.contains("--quick")
let only: String? = args.firstIndex(of: "--only").flatMap { $0 + 1 < args.count ? args[$0 + 1] : nil }
func section(_ name: String) -> Bool { only == nil || only == name }
let ramguardPath: String? = args.firstIndex(of: "--ramguard").flatMap { $0 + 1 < args.count ? args[$0 + 1] : nil }

func validateOrDie(_ text: String, name: String, kind: PolicyKind = .identity) -> Policy {
    let r = PolicyValidator(options: ValidationOptions(kind: kind)).validate(PolicySource(name: name, text: text))
    guard let p = r.policy else { fatalError("generated policy \(name) is invalid: \(r.diagnostics.prefix(3))") }
    return p
}

print("ramguard benchmarks (\(quick ? "quick" : "full") run)")
print(String(repeating: "-", count: 72))

// (a) 2,000 single-policy identities × 8 requests each.
var gen = CorpusGenerator(seed: 42)
let identityTexts = (0..<2_000).map { _ in gen.policy() }
let identityPolicies = identityTexts.enumerated().map { validateOrDie($1, name: "id-\($0).json") }
// The timed loops decide through `Evaluator.decideEach`, which reads each request where the array
// stores it: `for r in requests { e.decide(r) }` copied every `Request` (a retain and release of its
// action and context — harness overhead, not decision work) because the call crosses into the engine
// module. Same decisions, same order; (a) and (b) both use it.
if section("a") {
    let authorizers = identityPolicies.map { Authorizer(identity: [$0]) }
    let requestsA = (0..<2_000).map { _ in (0..<8).map { _ in gen.request() } }
    var cold = measure {
        var n = 0
        for (i, a) in authorizers.enumerated() {
            let e = Evaluator(a)
            e.decideEach(requestsA[i]) { _, d in blackHole(d); n += 1 }
        }
        return n
    }
    let evaluators = authorizers.map(Evaluator.init)
    for (i, e) in evaluators.enumerated() { for r in requestsA[i] { blackHole(e.decide(r)) } }
    let rounds = quick ? 20 : 200
    let warm = measure {
        var n = 0
        for _ in 0..<rounds {
            for (i, e) in evaluators.enumerated() {
                e.decideEach(requestsA[i]) { _, d in blackHole(d); n += 1 }
            }
        }
        return n
    }
    cold.count = max(cold.count, 1)
    print("(a) 2,000 identities × 8 requests, in-process, 1 core")
    print("    warm (plans cached):      \(fmt(Double(warm.count) / warm.seconds)) decisions/s  (\(warm.count) decisions in \(String(format: "%.3f", warm.seconds)) s)")
    print("    cold (first sight, plans built): \(fmt(Double(cold.count) / cold.seconds)) decisions/s")
    let traced = measure {
        var n = 0
        for (i, e) in evaluators.enumerated() { for r in requestsA[i] { blackHole(e.evaluate(r)); n += 1 } }
        return n
    }
    print("    with full trace (evaluate): \(fmt(Double(traced.count) / traced.seconds)) decisions/s")
}

// (b) One heavy identity: 30 policies near the 6,144-character limit × 100,000 requests.
var heavyGen = CorpusGenerator(seed: 7)
let heavyTexts = (0..<30).map { _ in heavyGen.policy(nearLimit: 6_144) }
let heavyPolicies = heavyTexts.enumerated().map { validateOrDie($1, name: "heavy-\($0).json") }
if section("b") {
    let heavy = Authorizer(identity: heavyPolicies)
    let requestsB = (0..<100_000).map { _ in heavyGen.request() }
    let e = Evaluator(heavy)
    for r in requestsB.prefix(1000) { blackHole(e.decide(r)) }
    let rounds = quick ? 3 : (only == "b" ? 60 : 20)
    let m = measure {
        var n = 0
        for _ in 0..<rounds { e.decideEach(requestsB) { _, d in blackHole(d); n += 1 } }
        return n
    }
    let statements = heavyPolicies.reduce(0) { $0 + $1.statements.count }
    let chars = heavyPolicies.reduce(0) { $0 + $1.characterCount }
    print("(b) heavy identity: 30 policies, \(statements) statements, \(chars) characters × 100,000 requests, 1 core")
    print("    \(fmt(Double(m.count) / m.seconds)) decisions/s  (\(m.count) decisions in \(String(format: "%.3f", m.seconds)) s)")
    var allow = 0, explicit = 0, implicit = 0
    for r in requestsB.prefix(10_000) {
        switch e.decide(r) { case .allow: allow += 1; case .explicitDeny: explicit += 1; case .implicitDeny: implicit += 1 }
    }
    print("    decision mix of the first 10,000: Allow \(allow), ExplicitDeny \(explicit), ImplicitDeny \(implicit)")
}

// Parse + validate throughput.
if section("parse") {
    let corpus = identityTexts + heavyTexts
    let bytes = corpus.reduce(0) { $0 + $1.utf8.count }
    let validator = PolicyValidator()
    let sources = corpus.enumerated().map { PolicySource(name: "p\($0).json", text: $1) }
    let rounds = quick ? 2 : 10
    let m = measure {
        var n = 0
        for _ in 0..<rounds { for s in sources { blackHole(validator.validate(s)); n += 1 } }
        return n
    }
    let mb = Double(bytes * rounds) / 1_000_000
    print("parse + validate: \(String(format: "%.1f", mb / m.seconds)) MB/s  (\(corpus.count) documents, \(String(format: "%.2f", Double(bytes) / 1e6)) MB per round, \(rounds) rounds)")
    let parser = JSONParser()
    let p = measure {
        var n = 0
        for _ in 0..<rounds { for s in corpus { blackHole(parser.parse(s)); n += 1 } }
        return n
    }
    print("    JSON scan alone: \(String(format: "%.1f", mb / p.seconds)) MB/s")
}

// End to end through the CLI. posix_spawn + waitpid: Foundation's Process.waitUntilExit polls on Linux
// (about 50 ms granularity), which would swamp a 10 ms figure.
func run(_ path: String, _ arguments: [String], stdoutPath: String = "/dev/null") -> (Int32, Double) {
    var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    defer { for a in argv { free(a) } }
    var pid: pid_t = 0
    let start = ContinuousClock.now
    guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else { fatalError("cannot run \(path)") }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    return ((status >> 8) & 0xFF, seconds(ContinuousClock.now - start))
}

if let ramguard = ramguardPath, section("e2e") {
    // RAMGUARD_BENCH_E2E_DIR=DIR keeps the policies and the JSONL there (to profile or rerun by hand).
    let keptE2E = ProcessInfo.processInfo.environment["RAMGUARD_BENCH_E2E_DIR"]
    let dir = keptE2E.map { URL(fileURLWithPath: $0) }
        ?? FileManager.default.temporaryDirectory.appendingPathComponent("ramguard-bench-\(getpid())")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { if keptE2E == nil { try? FileManager.default.removeItem(at: dir) } }
    let heavyDir = dir.appendingPathComponent("heavy")
    try? FileManager.default.createDirectory(at: heavyDir, withIntermediateDirectories: true)
    for (i, t) in heavyTexts.enumerated() {
        try? t.write(to: heavyDir.appendingPathComponent(String(format: "policy-%02d.json", i)), atomically: true, encoding: .utf8)
    }
    let single = dir.appendingPathComponent("single.json")
    try? identityTexts[0].write(to: single, atomically: true, encoding: .utf8)
    var lineGen = CorpusGenerator(seed: 99)
    let lines = quick ? 200_000 : 1_000_000
    var jsonl = ""
    jsonl.reserveCapacity(lines * 160)
    for _ in 0..<lines { jsonl += lineGen.requestLine(); jsonl += "\n" }
    let jsonlURL = dir.appendingPathComponent("requests.jsonl")
    try? jsonl.write(to: jsonlURL, atomically: true, encoding: .utf8)
    let outURL = dir.appendingPathComponent("out.jsonl")
    for (label, policyPath) in [("heavy identity (30 policies)", heavyDir.path), ("one policy", single.path)] {
        let (status, t) = run(ramguard, ["check", "--policy", policyPath, "--requests", jsonlURL.path], stdoutPath: outURL.path)
        let outLines = (try? String(contentsOf: outURL, encoding: .utf8))?.split(separator: "\n").count ?? 0
        print("end to end, check --requests, \(label): \(fmt(Double(lines) / t)) decisions/s  (\(lines) lines, \(String(format: "%.2f", Double(jsonl.utf8.count) / 1e6)) MB in, \(outLines) lines out, \(String(format: "%.3f", t)) s, exit \(status))")
    }
    var times: [Double] = []
    let small = dir.appendingPathComponent("small.json")
    try? #"{"Version": "1", "Statement": [{"Effect": "Allow", "Action": "vod:SubmitWorkflowJob", "Resource": "*"}]}"#
        .write(to: small, atomically: true, encoding: .utf8)
    for _ in 0..<(quick ? 10 : 50) { times.append(run(ramguard, ["check", "--policy", small.path, "--format", "json"]).1) }
    times.sort()
    print("one check on a small policy: median \(String(format: "%.1f", times[times.count / 2] * 1000)) ms, p90 \(String(format: "%.1f", times[times.count * 9 / 10] * 1000)) ms (\(times.count) runs, process start included)")
} else {
    print("(end-to-end figures skipped: pass --ramguard PATH to a release build)")
}

// Issue #4: `lint` and `audit` over generated trees of 10,000 policy files, end to end through the CLI,
// both cores. Two trees: (1) "stress": 2,000 identities × 5 generated policies (1–30 statements, at most
// 6,144 characters, wildcards, Deny, NotAction, every condition family) — random action picks make it
// dense in findings (about 15 per file); (2) "examples": the 22 bundled example policies of
// policies/identities (system policies, least-privilege and conditional grants), 455 copies each, one
// identity per copied folder — realistic density (under one finding per file).
if let ramguard = ramguardPath, section("audit") {
    // RAMGUARD_BENCH_TREE=DIR keeps the generated trees there (to profile or rerun by hand).
    let kept = ProcessInfo.processInfo.environment["RAMGUARD_BENCH_TREE"]
    let root = kept.map { URL(fileURLWithPath: $0) }
        ?? FileManager.default.temporaryDirectory.appendingPathComponent("ramguard-tree-\(getpid())")
    defer { if kept == nil { try? FileManager.default.removeItem(at: root) } }
    let out = root.deletingLastPathComponent().appendingPathComponent("ramguard-tree-report-\(getpid())").path
    defer { try? FileManager.default.removeItem(atPath: out) }

    // (1) stress
    let stress = root.appendingPathComponent("stress")
    var treeGen = CorpusGenerator(seed: 2024)
    treeGen.distinctActions = true
    var stressBytes = 0
    for i in 0..<2_000 {
        let idDir = stress.appendingPathComponent(String(format: "team-%02d/identity-%04d", i % 40, i))
        try? FileManager.default.createDirectory(at: idDir, withIntermediateDirectories: true)
        for f in 0..<5 {
            let text = treeGen.policy()
            stressBytes += text.utf8.count
            try? text.write(to: idDir.appendingPathComponent("policy-\(f).json"), atomically: false, encoding: .utf8)
        }
    }
    // (2) examples
    let examples = root.appendingPathComponent("examples")
    let bundled = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("policies/identities")
    let identityNames = ((try? FileManager.default.contentsOfDirectory(atPath: bundled.path)) ?? []).sorted()
    var exampleFiles = 0, exampleBytes = 0
    var copy = 0
    while exampleFiles < 10_000 && !identityNames.isEmpty {
        for name in identityNames {
            let source = bundled.appendingPathComponent(name)
            let target = examples.appendingPathComponent(String(format: "copy-%03d/%@", copy, name))
            try? FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            for file in ((try? FileManager.default.contentsOfDirectory(atPath: source.path)) ?? []) where file.hasSuffix(".json") {
                let data = (try? Data(contentsOf: source.appendingPathComponent(file))) ?? Data()
                try? data.write(to: target.appendingPathComponent(file))
                exampleFiles += 1
                exampleBytes += data.count
            }
        }
        copy += 1
    }

    for (tree, label, files, bytes) in [(stress, "stress tree", 10_000, stressBytes), (examples, "examples tree", exampleFiles, exampleBytes)] {
        print("lint + audit, \(label): \(files) files, \(String(format: "%.1f", Double(bytes) / 1e6)) MB, end to end, \(ProcessInfo.processInfo.activeProcessorCount) cores:")
        for (verb, arguments) in [
            ("lint  --format json ", ["lint", tree.path, "--fail-on", "none", "--no-config", "--format", "json", "--output", out]),
            ("lint  --format sarif", ["lint", tree.path, "--fail-on", "none", "--no-config", "--format", "sarif", "--output", out]),
            ("audit --format json ", ["audit", tree.path, "--fail-on", "none", "--no-config", "--format", "json", "--output", out]),
            ("audit --format junit", ["audit", tree.path, "--fail-on", "none", "--no-config", "--format", "junit", "--output", out]),
        ] {
            var times: [Double] = []
            var status: Int32 = 0
            for _ in 0..<(quick ? 3 : 5) {
                let (s, t) = run(ramguard, arguments)
                status = s
                times.append(t)
            }
            times.sort()
            let size = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
            let findings = verb.hasPrefix("lint  --format json") ? countFindings(out) : nil
            print("    \(verb): median \(String(format: "%.3f", times[times.count / 2])) s, best \(String(format: "%.3f", times[0])) s (\(times.count) runs, exit \(status), report \(String(format: "%.1f", Double(size) / 1e6)) MB\(findings.map { ", \($0) findings" } ?? ""))")
        }
    }
}

/// The number of findings in a JSON lint report (for the figures' context).
func countFindings(_ path: String) -> Int? {
    guard let data = FileManager.default.contents(atPath: path),
          let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
          let findings = object["findings"] as? [Any] else { return nil }
    return findings.count
}
