import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The text, JSON, XML and JSON-lines encodings of ramguard's reports.
@Suite("output formats")
struct OutputFormatTests {
    static let escape = "\u{1B}["

    // MARK: Text

    @Test("text output starts with the decision", arguments: [
        (["--policy", "policies/identities/least-privilege"], "ALLOWED  vod:SubmitWorkflowJob on *\n"),
        (["--policy", "policies/identities/deny-overrides"], "DENIED (explicit deny)  vod:SubmitWorkflowJob on *\n  denied by the identity layer\n"),
        (["--policy", "policies/identities/vod-read-only"], "DENIED (implicit deny: no statement allows it)  vod:SubmitWorkflowJob on *\n  denied by the identity layer\n"),
        (["--policy", "policies/identities/vod-full-access", "--session-policy", "policies/session/vod-get-only.json"],
         "DENIED (implicit deny: no statement allows it)  vod:SubmitWorkflowJob on *\n  denied by the session layer\n"),
        (["--policy", "policies/broken/missing-action.json"], "INVALID POLICY  vod:SubmitWorkflowJob on *\n"),
    ])
    func textStartsWithDecision(arguments: [String], start: String) throws {
        let r = try CLI.check(arguments)
        #expect(r.stdout.hasPrefix(start), "\(r)")
    }

    @Test("text output names the asked resource when it differs from the evaluated one")
    func textEvaluatedResource() throws {
        let r = try CLI.check(["--policy", "policies/identities/least-privilege", "--resource", "acs:vod:cn-shanghai:1234567890123456:*"])
        #expect(r.exitCode == 0)
        #expect(r.stdout.hasPrefix("ALLOWED  vod:SubmitWorkflowJob on * (asked: acs:vod:cn-shanghai:1234567890123456:*)\n"), "\(r)")
    }

    @Test("text output quotes the deciding Deny with file:line:column")
    func textQuotesDeny() throws {
        let r = try CLI.check(["--policy", "policies/identities/deny-overrides"])
        let lines = r.stdout.components(separatedBy: "\n")
        #expect(lines.contains("Denied by:"), "\(r)")
        #expect(lines.contains("  policies/identities/deny-overrides/deny-submit-workflow-job.json:4:5 Statement[0] [identity, Deny]"), "\(r)")
        #expect(lines.contains(#"    5 |       "Effect": "Deny","#), "\(r)")
        #expect(lines.contains(#"    6 |       "Action": "vod:SubmitWorkflowJob","#), "\(r)")
        // The Allow of the other file did not decide.
        #expect(!r.stdout.contains("AliyunVODFullAccess.json:4:5"), "\(r)")
    }

    @Test("text output quotes the allowing statement with file:line:column")
    func textQuotesAllow() throws {
        let r = try CLI.check(["--policy", "policies/identities/vod-pipeline",
                               "--context", "acs:SecureTransport=true", "--context", "acs:SourceIp=203.0.113.7"])
        #expect(r.exitCode == 0)
        let lines = r.stdout.components(separatedBy: "\n")
        #expect(lines.contains("Allowed by:"), "\(r)")
        #expect(lines.contains("  policies/identities/vod-pipeline/submit-workflow-job.json:4:5 Statement[0] [identity, Allow]"), "\(r)")
        #expect(lines.contains(#"    10 |           "acs:SecureTransport": "true""#), "\(r)")
        #expect(lines.contains("Context: acs:SecureTransport=true; acs:SourceIp=203.0.113.7; " +
                               (lines.first { $0.hasPrefix("Context: ") }?.components(separatedBy: "; ").last ?? "")), "\(r)")
        #expect(r.stdout.contains("acs:CurrentTime=") && r.stdout.contains("(default)"), "\(r)")
    }

    @Test("text output locates every validation error with file:line:column and its code")
    func textErrors() throws {
        let r = try CLI.check(["--policy", "policies/broken/several-problems.json"])
        #expect(r.exitCode == 2)
        let expected = [
            "policies/broken/several-problems.json:2:14 Version: error [InvalidVersion]",
            "policies/broken/several-problems.json:5:17 Statement[0].Effect: error [InvalidEffect]",
            "policies/broken/several-problems.json:6:17 Statement[0].Action: error [InvalidActionFormat]",
            "policies/broken/several-problems.json:7:19 Statement[0].Resource: error [InvalidARNPrefix]",
            "policies/broken/several-problems.json:10:11 Statement[0].Condition.Bool.SecureTransport: error [InvalidConditionKeyFormat]",
            "policies/broken/several-problems.json:10:30 Statement[0].Condition.Bool.SecureTransport: error [InvalidConditionMultipleBoolean]",
        ]
        let errorLines = r.stdout.components(separatedBy: "\n").filter { $0.contains(": error [") }
        #expect(errorLines.count == expected.count, "\(r)")
        for (line, prefix) in zip(errorLines, expected) {
            #expect(line.hasPrefix("  " + prefix), "\(line)")
        }
    }

    @Test("text output of a JSON syntax error points at the offending character")
    func textSyntaxError() throws {
        let r = try CLI.check(["--policy", "policies/broken/trailing-comma.json"])
        #expect(r.stdout.contains("policies/broken/trailing-comma.json:8:5: error [JsonSyntaxError]"), "\(r)")
        let d = try CLI.check(["--policy", "policies/broken/duplicate-key.json"])
        #expect(d.stdout.contains("policies/broken/duplicate-key.json:8:7: error [JsonSyntaxError]"), "\(d)")
        #expect(d.stdout.contains(#"duplicate key "Effect""#), "\(d)")
    }

    @Test("text output lists missing context keys and assumptions")
    func textMissingKeysAndAssumptions() throws {
        let m = try CLI.check(["--policy", "policies/identities/vod-pipeline"])
        #expect(m.stdout.contains("Missing context keys: acs:SecureTransport, acs:SourceIp\n"), "\(m)")
        let a = try CLI.check(["--policy", "policies/identities/arn-resource"])
        #expect(a.stdout.contains("  [U1] ARN patterns on All-Resources actions (policies/identities/arn-resource/submit-on-vod-arn.json:7:19 Statement[0].Resource)"), "\(a)")
    }

    @Test("no ANSI escapes when standard output is not a terminal", arguments: [[:], ["NO_COLOR": "1"], ["TERM": "xterm-256color"]])
    func noColorOffTerminal(environment: [String: String]) throws {
        for policy in ["policies/identities/least-privilege", "policies/identities/deny-overrides", "policies/broken/several-problems.json"] {
            let r = try CLI.check(["--policy", policy], environment: environment)
            #expect(!r.stdout.isEmpty)
            #expect(!r.stdout.contains(Self.escape), "\(r)")
            #expect(!r.stderr.contains(Self.escape), "\(r)")
        }
    }

    #if canImport(Glibc)
    @Test("on a terminal the text is coloured, unless NO_COLOR is set")
    func colorOnTerminal() throws {
        let colored = try CLI.checkOnTerminal(["--policy", "policies/identities/least-privilege"], environment: ["TERM": "xterm"])
        #expect(colored.exitCode == 0)
        #expect(colored.output.contains("\u{1B}[1;32mALLOWED\u{1B}[0m"), "\(colored.output.debugDescription)")
        let plain = try CLI.checkOnTerminal(["--policy", "policies/identities/least-privilege"], environment: ["NO_COLOR": "1"])
        #expect(plain.exitCode == 0)
        #expect(plain.output.hasPrefix("ALLOWED"), "\(plain.output.debugDescription)")
        #expect(!plain.output.contains(Self.escape), "\(plain.output.debugDescription)")
        // JSON on a terminal is never coloured.
        let json = try CLI.checkOnTerminal(["--policy", "policies/identities/least-privilege", "--format", "json"])
        #expect(json.output.contains(#""decision" : "Allow""#), "\(json.output.debugDescription)")
        #expect(!json.output.contains(Self.escape))
    }
    #endif

    // MARK: JSON

    @Test("json output is a JSON object with the documented fields")
    func jsonFields() throws {
        let r = try CLI.check(["--policy", "policies/identities/deny-overrides", "--format", "json"])
        #expect(r.exitCode == 1)
        let report = try r.json()
        for key in ["schemaVersion", "tool", "generatedAt", "command", "decision", "deniedBy", "request", "policies",
                    "layers", "statements", "missingKeys", "assumptions", "errors", "warnings"] {
            #expect(report[key] != nil, "\(key) missing: \(r)")
        }
        #expect(report.string("schemaVersion") == "1")
        #expect(report.string("command") == "check")
        #expect(report.object("tool")?.string("name") == "ramguard")
        #expect(report.string("decision") == "ExplicitDeny")
        #expect(report.string("deniedBy") == "identity")
        let request = try #require(report.object("request"))
        #expect(request.string("action") == "vod:SubmitWorkflowJob")
        #expect(request.string("resource") == "*")
        #expect(request.string("evaluatedResource") == "*")
        let context = request.array("context") ?? []
        #expect(context.first { $0.string("key") == "acs:CurrentTime" }?.string("source") == "default")
        let policies = report.array("policies") ?? []
        #expect(policies.compactMap { $0.string("file") } == [
            "policies/identities/deny-overrides/AliyunVODFullAccess.json",
            "policies/identities/deny-overrides/deny-submit-workflow-job.json",
        ])
        #expect(policies.allSatisfy { $0.string("layer") == "identity" && ($0["valid"] as? Bool) == true })
        #expect(report.array("layers")?.map { [$0.string("layer"), $0.string("decision")] } == [["identity", "ExplicitDeny"]])
        let statements = report.array("statements") ?? []
        #expect(statements.count == 1)
        let statement = try #require(statements.first)
        #expect(statement.string("effect") == "Deny")
        #expect(statement.string("layer") == "identity")
        #expect(statement.int("index") == 0)
        let location = try #require(statement.object("location"))
        #expect(location.string("file") == "policies/identities/deny-overrides/deny-submit-workflow-job.json")
        #expect(location.int("line") == 4)
        #expect(location.int("column") == 5)
        #expect(location.string("path") == "Statement[0]")
        #expect((statement.array("source") ?? []).compactMap { $0.int("line") } == [4, 5, 6, 7, 8])
        #expect(report.strings("missingKeys") == [])
        #expect(report.array("errors")?.isEmpty == true)
        #expect(report.array("warnings")?.isEmpty == true)
    }

    @Test("json: an Allow has no deniedBy")
    func jsonAllow() throws {
        let report = try CLI.check(["--policy", "policies/identities/least-privilege", "--format", "json"]).json()
        #expect(report.string("decision") == "Allow")
        #expect(report["deniedBy"] == nil || report["deniedBy"] is NSNull)
        #expect(report.array("statements")?.first?.object("location")?.string("file") == "policies/identities/least-privilege/submit-workflow-job.json")
    }

    @Test("json: errors carry code, name, message and location")
    func jsonErrors() throws {
        let r = try CLI.check(["--policy", "policies/broken/several-problems.json", "--format", "json"])
        #expect(r.exitCode == 2)
        let report = try r.json()
        #expect(report.string("decision") == "Invalid")
        #expect(report["deniedBy"] == nil || report["deniedBy"] is NSNull)
        let errors = report.array("errors") ?? []
        #expect(errors.compactMap { $0.string("code") } == ["InvalidVersion", "InvalidEffect", "InvalidActionFormat",
                                                             "InvalidARNPrefix", "InvalidConditionKeyFormat",
                                                             "InvalidConditionMultipleBoolean"])
        let first = try #require(errors.first)
        #expect(first.string("name") == "Invalid version")
        #expect(first.string("severity") == "error")
        #expect(first.string("message")?.contains("\"2\"") == true)
        let location = try #require(first.object("location"))
        #expect(location.string("file") == "policies/broken/several-problems.json")
        #expect(location.int("line") == 2)
        #expect(location.int("column") == 14)
        #expect(location.string("path") == "Version")
        #expect(errors.last?.object("location")?.string("path") == "Statement[0].Condition.Bool.SecureTransport")
    }

    @Test("json: missingKeys, assumptions and warnings")
    func jsonMissingKeysAssumptionsWarnings() throws {
        let m = try CLI.check(["--policy", "policies/identities/vod-pipeline", "--format", "json"]).json()
        #expect(m.strings("missingKeys") == ["acs:SecureTransport", "acs:SourceIp"])
        #expect(m.string("deniedBy") == "identity")

        let a = try CLI.check(["--policy", "policies/identities/arn-resource", "--format", "json"]).json()
        let assumption = try #require(a.array("assumptions")?.first)
        #expect(assumption.string("id") == "U1")
        #expect(assumption.string("title")?.isEmpty == false)
        #expect(assumption.object("location")?.int("line") == 7)
        #expect(assumption.object("location")?.int("column") == 19)

        let w = try CLI.check(["--policy", "policies/identities/lenient-syntax", "--format", "json"]).json()
        #expect(w.string("decision") == "Allow")
        let warnings = w.array("warnings") ?? []
        #expect(warnings.compactMap { $0.string("code") } == ["UndocumentedSyntax", "UndocumentedSyntax"])
        #expect(warnings.compactMap { $0.object("location")?.string("path") } == ["Statement", "Statement.Sid"])
        #expect(Set((w.array("assumptions") ?? []).compactMap { $0.string("id") }) == ["U5"])
        #expect(w.array("statements")?.first?.string("sid") == "SubmitWorkflowJobs")
    }

    @Test("json: user context is reported with its source")
    func jsonContext() throws {
        let report = try CLI.check(["--policy", "policies/identities/conditional-source-ip", "--context", "acs:SourceIp=198.51.100.7",
                                    "--context", "acs:CurrentTime=2026-12-15T10:00:00+08:00", "--format", "json"]).json()
        let context = report.object("request")?.array("context") ?? []
        #expect(context.map { [$0.string("key"), $0.string("source")] } == [["acs:SourceIp", "user"], ["acs:CurrentTime", "user"]])
        #expect(context.first?.strings("values") == ["198.51.100.7"])
    }

    // MARK: XML

    @Test("xml output starts with <?xml and carries the decision", arguments: [
        ("policies/identities/least-privilege", "Allow"),
        ("policies/identities/deny-overrides", "ExplicitDeny"),
        ("policies/identities/vod-upload-auth", "ImplicitDeny"),
        ("policies/broken/invalid-arn-prefix.json", "Invalid"),
    ])
    func xml(policy: String, decision: String) throws {
        let r = try CLI.check(["--policy", policy, "--format", "xml"])
        #expect(r.stdout.hasPrefix("<?xml"), "\(r)")
        #expect(r.stdout.contains(#"decision="\#(decision)""#), "\(r)")
        #expect(r.stdout.contains(#"xmlns="urn:ramguard:report:1""#), "\(r)")
        // Well-formed, with the report element at the root.
        let parser = XMLParser(data: r.stdoutData)
        let delegate = RootElement()
        parser.delegate = delegate
        #expect(parser.parse(), "\(String(describing: parser.parserError)) in \(r)")
        #expect(delegate.root == "report")
        #expect(delegate.rootDecision == decision)
        if decision == "Invalid" {
            #expect(r.stdout.contains(#"code="InvalidARNPrefix""#) || r.stdout.contains("InvalidARNPrefix"), "\(r)")
        }
    }

    final class RootElement: NSObject, XMLParserDelegate {
        var root: String?
        var rootDecision: String?

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            if root == nil {
                root = elementName
                rootDecision = attributeDict["decision"]
            }
        }
    }

    // MARK: JSON lines (batch)

    @Test("batch output has one JSON line per non-blank input line, in order")
    func batchLinesInOrder() throws {
        let input = try String(contentsOf: CLI.packageRoot.appendingPathComponent("policies/requests/sample.jsonl"), encoding: .utf8)
        let inputLines = input.components(separatedBy: "\n")
        let nonBlank = inputLines.enumerated().filter { !$0.element.trimmingCharacters(in: .whitespaces).isEmpty }
        #expect(nonBlank.count == 10)
        let r = try CLI.check(["--policy", "policies/identities/vod-pipeline", "--requests", "policies/requests/sample.jsonl"])
        #expect(r.exitCode == 1, "\(r)")
        #expect(r.stdout.hasSuffix("\n"))
        let lines = try r.jsonLines()
        #expect(lines.count == nonBlank.count, "\(r)")
        #expect(lines.compactMap { $0.int("line") } == nonBlank.map { $0.offset + 1 })
        let inputActions = try nonBlank.map { line -> String in
            let object = try #require(JSONSerialization.jsonObject(with: Data(line.element.utf8)) as? [String: Any])
            return try #require(object.string("action"))
        }
        #expect(lines.compactMap { $0.string("action") } == inputActions)
        #expect(lines.compactMap { $0.string("decision") } == [
            "Allow", "Allow", "ImplicitDeny", "ImplicitDeny", "ImplicitDeny", "Allow", "ExplicitDeny", "ExplicitDeny",
            "ImplicitDeny", "Allow",
        ])
        #expect(lines[4].strings("missingKeys") == ["acs:SecureTransport", "acs:SourceIp"])
        let deny = try #require(lines[6].array("statements")?.first)
        #expect(deny.string("file") == "policies/identities/vod-pipeline/deny-destructive-vod.json")
        #expect(deny.int("line") == 4)
        #expect(deny.int("column") == 5)
        #expect(deny.string("effect") == "Deny")
    }

    @Test("batch output keeps input order across many lines")
    func batchLargeInOrder() throws {
        let dir = try TemporaryDirectory()
        let actions = ["vod:SubmitWorkflowJob", "vod:GetVideoInfo", "vod:DeleteVideo", "vod:SubmitTranscodeJobs"]
        var text = ""
        var expected: [(line: Int, action: String)] = []
        var lineNumber = 0
        for i in 0..<3_000 {
            lineNumber += 1
            if i % 7 == 3 {  // a blank line now and then
                text += (i % 2 == 0 ? "\n" : "   \n")
                continue
            }
            let action = actions[i % actions.count]
            text += #"{"action":"\#(action)","resource":"*"}"# + "\n"
            expected.append((lineNumber, action))
        }
        let file = try dir.write("many.jsonl", text)
        let r = try CLI.check(["--policy", "policies/identities/deny-overrides", "--requests", file])
        #expect(r.exitCode == 1)
        let lines = try r.jsonLines()
        #expect(lines.count == expected.count)
        #expect(lines.compactMap { $0.int("line") } == expected.map(\.line))
        #expect(lines.compactMap { $0.string("action") } == expected.map(\.action))
        let decisions = Dictionary(grouping: lines, by: { $0.string("action") ?? "" }).mapValues { Set($0.compactMap { $0.string("decision") }) }
        #expect(decisions["vod:SubmitWorkflowJob"] == ["ExplicitDeny"])
        #expect(decisions["vod:GetVideoInfo"] == ["Allow"])
        #expect(decisions["vod:DeleteVideo"] == ["Allow"])
        #expect(decisions["vod:SubmitTranscodeJobs"] == ["Allow"])
    }

    @Test("batch output for the last line without a newline, and CRLF line ends")
    func batchLineEnds() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("crlf.jsonl", "{\"action\":\"vod:SubmitWorkflowJob\"}\r\n\r\n{\"action\":\"vod:GetVideoInfo\"}")
        let r = try CLI.check(["--policy", "policies/identities/least-privilege", "--requests", file])
        #expect(r.exitCode == 1, "\(r)")
        let lines = try r.jsonLines()
        #expect(lines.map { [$0.int("line") ?? 0] } == [[1], [3]], "\(r)")
        #expect(lines.compactMap { $0.string("decision") } == ["Allow", "ImplicitDeny"])
    }
}
