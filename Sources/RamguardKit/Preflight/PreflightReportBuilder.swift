import AlibabaCloud
import Preflight
import RAMPolicy
import Reporting
import VOD

/// The report of `preflight` and `submit`: the same model as `check` (decision, statements, layers,
/// context …) for the `--policy` files in the call's context, plus every preflight check.
enum PreflightReportBuilder {
    static func report(_ prepared: PreparedCall, command: String) -> Report {
        let context = prepared.preflight.context
        let userKeys = Set(prepared.userContext.entries.map(\.foldedKey))
        var report: Report
        if let loaded = prepared.loaded {
            report = CheckRunner.report(loaded: loaded, action: SubmitWorkflowJob.ramAction, resource: SubmitWorkflowJob.ramResource,
                                        context: context, userKeys: userKeys, principal: nil, command: command)
        } else {
            let entries = context.entries.map {
                ContextEntry(key: $0.key, values: $0.values, source: userKeys.contains($0.foldedKey) ? "user" : "default")
            }
            report = Report(
                tool: ToolInfo(version: RamguardVersion.current), generatedAt: Timestamp.rfc3339(), command: command,
                decision: "NotEvaluated",
                request: RequestInfo(action: SubmitWorkflowJob.ramAction, resource: SubmitWorkflowJob.ramResource,
                                     evaluatedResource: SubmitWorkflowJob.ramResource, context: entries))
        }
        report.preflight = prepared.preflight.checks.map(info)
        return report
    }

    static func info(_ check: PreflightCheck) -> PreflightCheckInfo {
        PreflightCheckInfo(id: check.id, title: check.title, severity: check.severity.rawValue, status: check.status.rawValue,
                           message: check.message, remedy: check.remedy, details: check.details)
    }
}
