/// Decides the JUnit suites and test cases of a ``Report``. It reads the verdicts the verb already made
/// (``AccessCheckInfo/passed``, ``GateInfo``, ``DiffInfo/noNewAccess`` …) and never judges policies itself.
struct JUnitSuiteBuilder {
    let report: Report
    /// The report's findings when they are made while the document is written (``FindingSource``); the
    /// report's own are then ignored.
    var findings: (any FindingSource)?

    func suites() -> [JUnitSuite] {
        var suites: [JUnitSuite] = []
        if let audit = report.audit {
            suites += audit.map(auditSuite)
        }
        if let source = findings {
            suites.append(lintSuite(JUnitLintText(source, gate: report.effectiveGate)))
        } else if let findings = report.findings {
            suites.append(lintSuite(JUnitLintText(findings, gate: report.effectiveGate)))
        }
        if let explanation = report.explanation {
            suites.append(explainSuite(explanation))
        }
        if let diff = report.diff {
            suites.append(diffSuite(diff))
        }
        if report.preflight != nil || report.outcome != nil {
            suites.append(operationSuite())
        } else if !report.hasAnalysisSections {
            suites.append(checkSuite())
        }
        if let gate = report.gate {
            suites.append(gateSuite(gate))
        }
        return suites
    }

    // MARK: audit

    private func auditSuite(_ identity: IdentityAuditInfo) -> JUnitSuite {
        let classname = "ramguard.audit.\(identity.identity)"
        let cases = identity.checks.map { check in
            let outcome: JUnitTestCase.Outcome
            if check.verdict == "invalid" {
                // Nothing could be evaluated: ramguard cannot judge, whatever was expected.
                outcome = .error(message: check.summary, type: "ramguard.audit.invalid",
                                 text: .lines([check.expected.map { "expected \($0)" } ?? ""]))
            } else if check.passed == false {
                let expected = check.expected.map { "expected \($0), but the verdict is \(check.verdict)" } ?? "the verdict is \(check.verdict)"
                outcome = .failure(
                    message: "\(expected): \(check.summary)", type: "ramguard.audit.\(check.verdict)",
                    text: .lines([check.summary] + check.statements.map(Self.statementLine))
                )
            } else {
                outcome = .passed
            }
            return JUnitTestCase(name: "\(check.action) on \(check.resource)", classname: classname, outcome: outcome)
        }
        let output = identity.checks.map { "\($0.action) on \($0.resource): \($0.verdict) — \($0.summary)" }
            + identity.policies.map { "policy \($0.file) (\($0.layer), \($0.statementCount) statement\($0.statementCount == 1 ? "" : "s"))" }
        return JUnitSuite(name: identity.identity, cases: cases, output: .lines(output))
    }

    // MARK: lint

    private func lintSuite(_ text: JUnitLintText) -> JUnitSuite {
        let cases = FindingInfo.severities.enumerated().map { rank, severity in
            let counted = text.counted[rank]
            let outcome: JUnitTestCase.Outcome
            if counted == 0 {
                outcome = .passed
            } else {
                outcome = .failure(
                    message: "\(counted) \(TextReportRenderer.plural(severity, counted)) \(counted == 1 ? "fails" : "fail") the gate",
                    type: "ramguard.lint.\(severity)",
                    text: .escaped(text.countedText[rank])
                )
            }
            return JUnitTestCase(name: severity, classname: "ramguard.lint", outcome: outcome)
        }
        return JUnitSuite(name: "lint", cases: cases, output: .escaped(text.output))
    }

    // MARK: explain

    private func explainSuite(_ e: ExplanationInfo) -> JUnitSuite {
        let outcome: JUnitTestCase.Outcome
        if let gate = report.gate, gate.failed {
            outcome = .failure(message: gate.reasons.first ?? "the gate failed", type: "ramguard.explain.\(e.verdict)",
                               text: .lines([e.summary] + gate.reasons))
        } else if e.verdict == "undecidable" {
            outcome = .skipped(message: "undecidable: " + (e.undecidableReasons.isEmpty ? e.summary : e.undecidableReasons.joined(separator: "; ")))
        } else {
            outcome = .passed
        }
        var cases = [JUnitTestCase(name: "\(e.action) on \(e.resource)", classname: "ramguard.explain", outcome: outcome)]
        if e.allowedExample != nil || e.deniedExample != nil {
            let confirmed: JUnitTestCase.Outcome = e.examplesConfirmed ? .passed : .error(
                message: "the engine did not confirm the examples: the analysis and the engine disagree",
                type: "ramguard.explain.unconfirmed",
                text: .lines(["allowed example: \(e.allowedExample.map(TextReportRenderer.contextText) ?? "none")",
                              "denied example: \(e.deniedExample.map(TextReportRenderer.contextText) ?? "none")"])
            )
            cases.append(JUnitTestCase(name: "examples confirmed by the engine", classname: "ramguard.explain", outcome: confirmed))
        }
        var output = ["\(e.verdict): \(e.summary)"]
        output += e.allowedWhen.map { "allowed when: " + ($0.isEmpty ? "always" : $0.joined(separator: " and ")) }
        output += e.exceptions.map { "except: " + $0.constraints.joined(separator: " and ") + " (" + Self.statementLine($0.statement) + ")" }
        return JUnitSuite(name: "explain", cases: cases, output: .lines(output))
    }

    // MARK: diff

    private func diffSuite(_ diff: DiffInfo) -> JUnitSuite {
        var cases = diff.changes.map { change in
            let outcome: JUnitTestCase.Outcome
            if diff.noNewAccess == false && change.widensAccess {
                outcome = .failure(
                    message: "\(change.change): \(change.oldVerdict) → \(change.newVerdict), which noNewAccess forbids",
                    type: "ramguard.diff.\(change.change)",
                    text: .lines(["was: \(change.oldSummary)", "now: \(change.newSummary)"] + change.statements.map(Self.statementLine))
                )
            } else {
                outcome = .passed
            }
            return JUnitTestCase(name: "\(change.action) \(change.change)", classname: "ramguard.diff", outcome: outcome)
        }
        if let holds = diff.noNewAccess {
            let widened = diff.changes.filter(\.widensAccess).map { "\($0.action) \($0.change)" }
            cases.append(JUnitTestCase(
                name: "noNewAccess", classname: "ramguard.diff.gates",
                outcome: holds ? .passed : .failure(
                    message: "the new policies grant access the old ones did not", type: "ramguard.diff.noNewAccess",
                    text: .lines(widened))
            ))
        }
        for gate in diff.stillGrants {
            cases.append(JUnitTestCase(
                name: "stillGrants \(gate.action)", classname: "ramguard.diff.gates",
                outcome: gate.granted ? .passed : .failure(
                    message: "the new policies no longer grant \(gate.action)", type: "ramguard.diff.stillGrants", text: .lines([]))
            ))
        }
        let output = ["old: " + diff.old.joined(separator: ", "), "new: " + diff.new.joined(separator: ", "),
                      "\(diff.changes.count) changed, \(diff.unchanged) unchanged"]
        return JUnitSuite(name: "diff", cases: cases, output: .lines(output))
    }

    // MARK: check, preflight, submit

    private func checkSuite() -> JUnitSuite {
        let name = report.request.map { "\($0.action) on \($0.evaluatedResource)" } ?? "policies"
        let outcome: JUnitTestCase.Outcome
        switch report.decision {
        case "Allow":
            outcome = .passed
        case "ExplicitDeny", "ImplicitDeny":
            outcome = .failure(
                message: "\(report.decision)\(report.deniedBy.map { " by the \($0) layer" } ?? "")", type: "ramguard.check.\(report.decision)",
                text: .lines(report.statements.map(Self.statementLine) + report.missingKeys.map { "missing context key: \($0)" })
            )
        default:
            outcome = .error(
                message: "the policies are invalid (\(report.errors.count) error\(report.errors.count == 1 ? "" : "s"))",
                type: "ramguard.check.\(report.decision)", text: .lines(report.errors.map(Self.diagnosticLine))
            )
        }
        let output = report.warnings.map(Self.diagnosticLine) + report.assumptions.map { "assumption \($0.id): \($0.title)" }
        return JUnitSuite(name: "check", cases: [JUnitTestCase(name: name, classname: "ramguard.check", outcome: outcome)], output: .lines(output))
    }

    private func operationSuite() -> JUnitSuite {
        var cases: [JUnitTestCase] = (report.preflight ?? []).map { check in
            let outcome: JUnitTestCase.Outcome
            switch (check.status, check.severity) {
            case ("fail", "blocking"):
                outcome = .failure(message: check.message, type: "ramguard.preflight.fail",
                                   text: .lines([check.remedy.map { "fix: \($0)" }].compactMap { $0 } + check.details))
            case ("undecided", _):
                outcome = .skipped(message: "undecided offline: \(check.message)")
            default:
                outcome = .passed
            }
            return JUnitTestCase(name: check.id, classname: "ramguard.preflight", outcome: outcome)
        }
        if let outcome = report.outcome {
            let message = report.submission?.summary ?? outcome
            let result: JUnitTestCase.Outcome
            switch outcome {
            case "submitted", "dry_run": result = .passed
            case "unknown": result = .error(message: message, type: "ramguard.submit.unknown", text: .lines([report.requestId.map { "RequestId \($0)" } ?? ""]))
            default:
                result = .failure(message: message, type: "ramguard.submit.\(outcome)",
                                  text: .lines([report.error.map { "\($0.code): \($0.message ?? "")" } ?? ""]))
            }
            cases.append(JUnitTestCase(name: "submit", classname: "ramguard.submit", outcome: result))
        }
        return JUnitSuite(name: report.command, cases: cases)
    }

    private func gateSuite(_ gate: GateInfo) -> JUnitSuite {
        let outcome: JUnitTestCase.Outcome = gate.failed
            ? .failure(message: gate.reasons.first ?? "the gate failed", type: "ramguard.gate", text: .lines(gate.reasons))
            : .passed
        return JUnitSuite(name: "gate", cases: [JUnitTestCase(name: "gate", classname: "ramguard.gate", outcome: outcome)],
                          output: .lines(gate.failed ? [] : gate.reasons))
    }

    // MARK: lines

    static func statementLine(_ s: StatementRef) -> String {
        let sid = s.sid.map { " \"\($0)\"" } ?? ""
        return "\(s.location.file):\(s.location.line):\(s.location.column) \(s.location.path)\(sid) [\(s.layer), \(s.effect)]"
    }

    static func diagnosticLine(_ d: DiagnosticInfo) -> String {
        "\(d.location.file):\(d.location.line):\(d.location.column): \(d.severity) [\(d.code)] \(d.message)"
    }
}
