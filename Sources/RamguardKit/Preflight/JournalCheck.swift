import Preflight
import VOD

/// `journal.no-unknown-outcome`: refuse a second submission of the same workflow/media while an earlier
/// one may have started a job, unless `--force`.
enum JournalCheck {
    static func run(path: String, entries: [JournalEntry], unreadableLines: [Int], request: SubmitWorkflowJobRequest, force: Bool) -> PreflightCheck {
        let title = "No unknown-outcome submission in the journal"
        let unresolved = SubmitJournal.unresolved(in: entries, workflowId: request.workflowId, mediaId: request.mediaId)
        var details = unresolved.map { entry -> String in
            var line = "\(entry.time) submission \(entry.submission) attempt \(entry.attempt): "
            if entry.type == .intent {
                line += "sent (or about to be) with no recorded outcome — the run did not finish"
            } else {
                line += "outcome unknown"
                if let code = entry.code { line += " (\(code))" }
                if let requestId = entry.requestId { line += ", RequestId \(requestId)" }
            }
            return line + " → \(entry.endpoint)"
        }
        if !unreadableLines.isEmpty {
            details.append("unreadable journal lines (ignored): \(unreadableLines.map(String.init).joined(separator: ", "))")
        }
        let what = "WorkflowId \(request.workflowId)" + (request.mediaId.map { " / MediaId \($0)" } ?? "")
        guard !unresolved.isEmpty else {
            return PreflightCheck(
                id: PreflightCheckID.journalUnknownOutcome, title: title, severity: .blocking,
                status: unreadableLines.isEmpty ? .pass : .warn,
                message: "\(path) holds no submission of \(what) whose outcome is unknown.",
                remedy: unreadableLines.isEmpty ? nil : "Some lines could not be read (a run killed while writing); inspect them.",
                details: details)
        }
        if force {
            return PreflightCheck(
                id: PreflightCheckID.journalUnknownOutcome, title: title, severity: .blocking, status: .warn,
                message: "\(path) holds \(unresolved.count) earlier submission\(unresolved.count == 1 ? "" : "s") of \(what) whose outcome is unknown; --force sends anyway, which may start a second workflow run.",
                remedy: "Check the workflow's tasks (VOD console, or GetWorkflowTask with the TaskId/RequestId) before forcing.",
                details: details)
        }
        return PreflightCheck(
            id: PreflightCheckID.journalUnknownOutcome, title: title, severity: .blocking, status: .fail,
            message: "\(path) holds \(unresolved.count) earlier submission\(unresolved.count == 1 ? "" : "s") of \(what) whose outcome is unknown: it may already have started the workflow, and SubmitWorkflowJob has no idempotency token.",
            remedy: "Check whether the job started (VOD console, or GetWorkflowTask); if it did not, submit again with --force.",
            details: details)
    }
}
