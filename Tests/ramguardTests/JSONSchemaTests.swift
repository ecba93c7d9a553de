import Foundation
import Reporting
import Testing

/// The JSON Schema (draft 2020-12) of ramguard's JSON reports (`--format json`), and the `check` runs it is tested on.
enum ReportSchema {
    static let url = CLI.packageRoot.appendingPathComponent("Sources/Reporting/Schemas/ramguard-report.schema.json")

    static func load() throws -> [String: Any] {
        let data = try Data(contentsOf: url)
        guard let schema = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CLIError("\(url.path) is not a JSON object")
        }
        return schema
    }

    /// `check` arguments over the bundled examples: every identity, broken documents, reports with
    /// assumptions, warnings, every layer, missing keys and user/default context entries.
    static let examples: [[String]] = {
        let identities = (try? FileManager.default.contentsOfDirectory(
            atPath: CLI.packageRoot.appendingPathComponent("policies/identities").path)) ?? []
        var out = identities.sorted().map { ["--policy", "policies/identities/\($0)"] }
        out += [
            ["--policy", "policies/identities/vod-pipeline", "--context", "acs:SecureTransport=true", "--context", "acs:SourceIp=203.0.113.7"],
            ["--policy", "policies/identities/vod-pipeline", "--action", "vod:DeleteVideo"],
            ["--policy", "policies/broken/several-problems.json"],
            ["--policy", "policies/broken/trailing-comma.json"],
            ["--policy", "policies/broken/policy-size-exceeded.json"],
            ["--policy", "policies/broken/numeric-version.json"],
            ["--policy", "policies/identities/lenient-syntax", "--strict"],
            ["--policy", "policies/identities/arn-resource", "--resource", "acs:vod:cn-shanghai:1234567890123456:*"],
            ["--policy", "policies/identities/vod-full-access", "--session-policy", "policies/session/vod-get-only.json"],
            ["--policy", "policies/identities/vod-full-access", "--control-policy", "policies/control/FullAliyunAccess.json",
             "--control-policy", "policies/control/deny-vod-submit.json"],
            ["--policy", "policies/identities/role-assumer", "--action", "sts:AssumeRole",
             "--resource", "acs:ram::1234567890123456:role/vod-pipeline", "--trust-policy", "policies/trust/vod-pipeline-role-trust.json",
             "--principal", "fc.aliyuncs.com"],
            ["--policy", "policies/identities/role-assumer", "--action", "sts:AssumeRole",
             "--resource", "acs:ram::1234567890123456:role/vod-pipeline", "--trust-policy", "policies/trust/vod-pipeline-role-trust.json",
             "--principal", "acs:ram::1234567890123456:user/ci-bot"],
        ]
        return out.map { $0 + ["--format", "json"] }
    }()
}

/// Runs `python3` with the `jsonschema` module to validate JSON files against the report schema.
enum SchemaValidator {
    /// True when `python3 -c "import jsonschema"` succeeds (checked once).
    static let isAvailable: Bool = {
        guard let r = try? python(["-c", "import jsonschema; from jsonschema import Draft202012Validator"]) else { return false }
        return r.status == 0
    }()

    /// Validates `schema`, then each instance; also checks that every object's keys are sorted.
    static let script = #"""
        import json, sys
        from jsonschema import Draft202012Validator
        schema = json.load(open(sys.argv[1], encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
        def sorted_pairs(pairs):
            keys = [k for k, _ in pairs]
            if keys != sorted(keys):
                raise ValueError("keys are not sorted: %s" % keys)
            return dict(pairs)
        for path in sys.argv[2:]:
            try:
                with open(path, encoding="utf-8") as f:
                    document = json.load(f, object_pairs_hook=sorted_pairs)
            except Exception as e:
                print("FAIL\t%s\t%s" % (path, str(e).replace("\n", " ")))
                continue
            errors = sorted(validator.iter_errors(document), key=lambda e: [str(p) for p in e.absolute_path])
            if errors:
                print("FAIL\t%s\t%s" % (path, " | ".join(
                    "/%s: %s" % ("/".join(str(p) for p in e.absolute_path), e.message.replace("\n", " ")) for e in errors)))
            else:
                print("OK\t%s" % path)
        """#

    /// Validates `documents` (bytes each) against the schema; returns, per index, nil (valid) or the errors.
    static func validate(_ documents: [Data]) throws -> [String?] {
        let scratch = try TemporaryDirectory()
        var paths: [String] = []
        for (i, d) in documents.enumerated() {
            let path = scratch.path("report-\(i).json")
            try d.write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        let r = try python(["-c", script, ReportSchema.url.path] + paths)
        guard r.status == 0 else { throw CLIError("python3 exited with \(r.status): \(r.stderr)") }
        var byPath: [String: String?] = [:]
        for line in r.stdout.split(separator: "\n") {
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2 else { continue }
            byPath[fields[1]] = fields[0] == "OK" ? .some(nil) : .some(fields.count > 2 ? fields[2] : "invalid")
        }
        return try paths.map { p in
            guard let outcome = byPath[p] else { throw CLIError("python3 did not report on \(p): \(r.stdout) \(r.stderr)") }
            return outcome
        }
    }

    static func python(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let scratch = try TemporaryDirectory()
        let out = scratch.path("stdout"), err = scratch.path("stderr")
        FileManager.default.createFile(atPath: out, contents: nil)
        FileManager.default.createFile(atPath: err, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let outHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        let errHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return (process.terminationStatus,
                String(decoding: try Data(contentsOf: URL(fileURLWithPath: out)), as: UTF8.self),
                String(decoding: try Data(contentsOf: URL(fileURLWithPath: err)), as: UTF8.self))
    }
}

@Suite("JSON report schema (validated with python3 jsonschema)",
       .enabled(if: SchemaValidator.isAvailable,
                "python3 with the jsonschema module is needed to validate reports against Sources/Reporting/Schemas/ramguard-report.schema.json (pip install jsonschema)"))
struct JSONSchemaTests {
    @Test("`check --format json` on the bundled examples conforms to the schema, keys sorted")
    func examplesConform() throws {
        let runs = try ReportSchema.examples.map { try CLI.check($0) }
        for r in runs {
            #expect([0, 1, 2].contains(r.exitCode) && !r.stdoutData.isEmpty, "\(r)")
        }
        let outcomes = try SchemaValidator.validate(runs.map(\.stdoutData))
        for (r, outcome) in zip(runs, outcomes) {
            #expect(outcome == nil, "ramguard check \(r.arguments.joined(separator: " ")): \(outcome ?? "")\n\(r.stdout.prefix(3_000))")
        }

        // The examples exercise what the schema constrains, so a too-loose schema cannot pass unnoticed.
        let reports = try runs.map { try $0.json() }
        let decisions = Set(reports.compactMap { $0.string("decision") })
        #expect(decisions == ["Allow", "ExplicitDeny", "ImplicitDeny", "Invalid"])
        let deniedBy = Set(reports.compactMap { $0.string("deniedBy") })
        #expect(deniedBy == ["control", "session", "identity", "trust"])
        let layers = reports.flatMap { $0.array("layers") ?? [] }
        #expect(Set(layers.compactMap { $0.string("layer") }) == ["control", "session", "identity", "trust"])
        #expect(Set(layers.compactMap { $0.string("decision") }).isSuperset(of: ["Allow", "ImplicitDeny", "ExplicitDeny", "NotEvaluated"]))
        let statements = reports.flatMap { $0.array("statements") ?? [] }
        #expect(statements.contains { $0["sid"] != nil } && statements.contains { $0["sid"] == nil })
        #expect(Set(statements.compactMap { $0.string("effect") }) == ["Allow", "Deny"])
        #expect(reports.contains { !($0.array("errors") ?? []).isEmpty } && reports.contains { !($0.array("warnings") ?? []).isEmpty })
        #expect(reports.contains { !($0.strings("missingKeys") ?? []).isEmpty })
        let assumptions = reports.flatMap { $0.array("assumptions") ?? [] }
        #expect(assumptions.contains { $0["location"] != nil } && assumptions.contains { $0["location"] == nil })
        let context = reports.flatMap { $0.object("request")?.array("context") ?? [] }
        #expect(Set(context.compactMap { $0.string("source") }) == ["user", "default"])
    }

    @Test("lint, audit, explain and diff `--format json` conform to the schema, keys sorted")
    func auditVerbsConform() throws {
        let runs = try [
            ["lint", "policies/identities", "--no-config"],
            ["lint", "policies/identities", "--config", "policies/lint-config.json"],
            ["lint", "policies/broken", "--no-config"],
            ["audit", "policies/identities", "--no-config", "--fail-on", "none"],
            ["audit", "--manifest", "policies/manifest.json", "--no-config", "--expect", "granted"],
            ["audit", "policies/broken", "--no-config"],
            ["explain", "--policy", "policies/identities/vod-pipeline"],
            ["explain", "--policy", "policies/identities/least-privilege"],
            ["explain", "--policy", "policies/identities/deny-overrides"],
            ["explain", "--policy", "policies/broken/invalid-effect.json"],
            ["diff", "policies/diff/before", "policies/diff/after", "--no-new-access", "--still-grants", "vod:SubmitWorkflowJob"],
        ].map { try CLI.run($0 + ["--format", "json"]) }
        let outcomes = try SchemaValidator.validate(runs.map(\.stdoutData))
        for (r, outcome) in zip(runs, outcomes) {
            #expect(!r.stdoutData.isEmpty, "\(r)")
            #expect(outcome == nil, "ramguard \(r.arguments.joined(separator: " ")): \(outcome ?? "")\n\(r.stdout.prefix(3_000))")
        }
        let reports = try runs.map { try $0.json() }
        #expect(Set(reports.compactMap { $0.string("decision") })
            .isSuperset(of: ["Pass", "Fail", "Always", "Never", "Conditional", "Invalid"]))
        #expect(reports.contains { $0["findings"] != nil } && reports.contains { $0["audit"] != nil }
            && reports.contains { $0["explanation"] != nil } && reports.contains { $0["diff"] != nil })
    }

    @Test("the validator rejects documents that break the schema (so the test above can fail)")
    func wrongDocumentsFail() throws {
        let allow = try CLI.check(["--policy", "policies/identities/vod-pipeline", "--context", "acs:SecureTransport=true",
                                   "--context", "acs:SourceIp=203.0.113.7", "--format", "json"])
        let deny = try CLI.check(["--policy", "policies/identities/vod-read-only", "--format", "json"])
        let invalid = try CLI.check(["--policy", "policies/broken/several-problems.json", "--format", "json"])
        let a = try allow.json(), d = try deny.json(), e = try invalid.json()

        func edit(_ base: [String: Any], _ change: (inout [String: Any]) -> Void) -> [String: Any] {
            var copy = base
            change(&copy)
            return copy
        }
        func editFirst(_ base: [String: Any], _ list: String, _ change: (inout [String: Any]) -> Void) -> [String: Any] {
            edit(base) { r in
                var items = r.array(list) ?? []
                change(&items[0])
                r[list] = items
            }
        }
        let wrong: [(String, [String: Any])] = [
            ("decision Maybe", edit(a) { $0["decision"] = "Maybe" }),
            ("decision in lower case", edit(a) { $0["decision"] = "allow" }),
            ("schemaVersion 2", edit(a) { $0["schemaVersion"] = "2" }),
            ("no tool", edit(a) { $0["tool"] = nil }),
            ("no errors list", edit(a) { $0["errors"] = nil }),
            ("an unknown top-level property", edit(a) { $0["verdict"] = "Allow" }),
            ("an optional written as null", edit(a) { $0["deniedBy"] = NSNull() }),
            ("deniedBy on an Allow", edit(a) { $0["deniedBy"] = "identity" }),
            ("a denial without deniedBy", edit(d) { $0["deniedBy"] = nil }),
            ("deniedBy naming no layer", edit(d) { $0["deniedBy"] = "account" }),
            ("generatedAt not in UTC", edit(a) { $0["generatedAt"] = "2026-11-28T09:30:00+08:00" }),
            ("layer decision Maybe", editFirst(a, "layers") { $0["decision"] = "Maybe" }),
            ("statement effect Permit", editFirst(a, "statements") { $0["effect"] = "Permit" }),
            ("statement index -1", editFirst(a, "statements") { $0["index"] = -1 }),
            ("statement with an unknown property", editFirst(a, "statements") { $0["policy"] = "x" }),
            ("location line 0", editFirst(a, "statements") { s in
                var l = s.object("location") ?? [:]
                l["line"] = 0
                s["location"] = l
            }),
            ("source line as a string", editFirst(a, "statements") { $0["source"] = ["line 4"] }),
            ("context source cli", edit(a) { r in
                var req = r.object("request") ?? [:]
                var ctx = req.array("context") ?? []
                ctx[0]["source"] = "cli"
                req["context"] = ctx
                r["request"] = req
            }),
            ("policy layer user", editFirst(a, "policies") { $0["layer"] = "user" }),
            ("characters as a string", editFirst(a, "policies") { $0["characters"] = "120" }),
            ("an error with severity warning", editFirst(e, "errors") { $0["severity"] = "warning" }),
            ("an error code with a space", editFirst(e, "errors") { $0["code"] = "Invalid version" }),
            ("an error without location", editFirst(e, "errors") { $0["location"] = nil }),
            ("an empty missing key", edit(a) { $0["missingKeys"] = [""] }),
        ]
        var documents = [a, d, e].map { Self.serialise($0) }
        documents += wrong.map { Self.serialise($0.1) }
        let outcomes = try SchemaValidator.validate(documents)
        // The unedited reports pass: what fails below fails because of the edit.
        for (name, outcome) in zip(["allow", "deny", "invalid"], outcomes.prefix(3)) {
            #expect(outcome == nil, "the unedited \(name) report: \(outcome ?? "")")
        }
        for ((name, _), outcome) in zip(wrong, outcomes.dropFirst(3)) {
            #expect(outcome != nil, "a report with \(name) passed validation")
        }
    }

    /// Sorted keys, as ramguard writes them (the validator also checks the order).
    static func serialise(_ object: [String: Any]) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }
}

/// Checks that need no Python: the schema declares exactly the properties of the report model
/// (`Report.swift`), requires exactly its non-optional ones, and the `check` examples use them all.
@Suite("JSON report schema (structure)")
struct JSONSchemaStructureTests {
    /// One value of each model type `check` reports are made of, with every optional set, paired
    /// with the schema definition that describes it.
    static let modelSamples: [(definition: String, value: any Sendable)] = {
        let location = Location(file: "p.json", line: 1, column: 1, endLine: 2, endColumn: 3, path: "Statement[0]")
        return [
            ("Report", Report(tool: ToolInfo(version: "1"), generatedAt: "2026-11-28T09:30:00Z", command: "check", decision: "Allow")),
            ("Tool", ToolInfo(version: "1")),
            ("Request", RequestInfo(action: "vod:SubmitWorkflowJob", resource: "*", evaluatedResource: "*", context: [])),
            ("ContextEntry", ContextEntry(key: "acs:SourceIp", values: ["203.0.113.7"], source: "user")),
            ("Policy", PolicyInfo(file: "p.json", layer: "identity", statementCount: 1, characters: 10, valid: true)),
            ("LayerResult", LayerResult(layer: "identity", decision: "Allow")),
            ("Statement", StatementRef(layer: "identity", file: "p.json", index: 0, sid: "S", effect: "Allow", location: location, source: [])),
            ("SourceLine", SourceLine(line: 1, text: "{")),
            ("Location", location),
            ("Assumption", AssumptionInfo(id: "U1", title: "t", detail: "d", location: location)),
            ("Diagnostic", DiagnosticInfo(severity: "error", code: "C", name: "n", message: "m", remedy: "r", location: location)),
        ]
    }()

    @Test("the schema declares each model type's stored properties, and requires exactly the non-optional ones")
    func schemaMatchesTheModel() throws {
        let schema = try ReportSchema.load()
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        let defs = try #require(schema["$defs"] as? [String: [String: Any]])
        for (name, value) in Self.modelSamples {
            let def = try #require(name == "Report" ? schema : defs[name], "no definition \(name)")
            let declared = Set((def["properties"] as? [String: Any]).map { Array($0.keys) } ?? [])
            let required = Set(def["required"] as? [String] ?? [])
            var stored = Set<String>()
            var nonOptional = Set<String>()
            for child in Mirror(reflecting: value).children {
                guard let label = child.label else { continue }
                stored.insert(label)
                if Mirror(reflecting: child.value).displayStyle != .optional { nonOptional.insert(label) }
            }
            #expect(declared == stored, "\(name): the schema declares \(declared.sorted()), \(type(of: value)) has \(stored.sorted())")
            #expect(required == nonOptional,
                    "\(name): the schema requires \(required.sorted()), \(type(of: value)) has non-optional \(nonOptional.sorted())")
            #expect(def["additionalProperties"] as? Bool == false, "\(name) is not closed")
        }
    }

    @Test("the check examples use every property of the definitions they reach")
    func examplesUseEveryProperty() throws {
        let schema = try ReportSchema.load()
        let defs = try #require(schema["$defs"] as? [String: [String: Any]])
        var seen: [String: Set<String>] = [:]
        for args in ReportSchema.examples {
            let report = try CLI.check(args).json()
            Self.collect(schema, name: "Report", instance: report, defs: defs, seen: &seen)
        }
        for (name, keys) in seen {
            let def = name == "Report" ? schema : defs[name] ?? [:]
            let declared = Set((def["properties"] as? [String: Any]).map { Array($0.keys) } ?? [])
            let required = Set(def["required"] as? [String] ?? [])
            #expect(keys.isSubset(of: declared), "\(name): the reports use undeclared \(keys.subtracting(declared).sorted())")
            if name == "Report" {
                // The top level also carries what only preflight and submit write.
                #expect(required.isSubset(of: keys), "\(name): the reports never write \(required.subtracting(keys).sorted())")
            } else {
                #expect(keys == declared, "\(name): the examples never write \(declared.subtracting(keys).sorted())")
            }
        }
        #expect(Set(seen.keys).isSuperset(of: Self.modelSamples.map(\.definition)), "\(seen.keys.sorted())")
    }

    /// Records, per schema definition, the keys the instance objects it describes use.
    static func collect(_ node: [String: Any], name: String, instance: Any, defs: [String: [String: Any]],
                        seen: inout [String: Set<String>]) {
        var node = node
        var name = name
        while let ref = node["$ref"] as? String, ref.hasPrefix("#/$defs/") {
            name = String(ref.dropFirst("#/$defs/".count))
            node = defs[name] ?? [:]
        }
        if let object = instance as? [String: Any], let properties = node["properties"] as? [String: [String: Any]] {
            seen[name, default: []].formUnion(object.keys)
            for (key, value) in object {
                if let sub = properties[key] { collect(sub, name: "\(name).\(key)", instance: value, defs: defs, seen: &seen) }
            }
        } else if let array = instance as? [Any], let items = node["items"] as? [String: Any] {
            for element in array { collect(items, name: "\(name)[]", instance: element, defs: defs, seen: &seen) }
        }
    }
}
