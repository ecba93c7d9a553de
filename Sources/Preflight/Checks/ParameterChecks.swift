import VOD

/// `parameters.workflow-id` and `parameters.media-id`, from VOD's offline parameter rules.
enum ParameterChecks {
    static func run(_ request: SubmitWorkflowJobRequest) -> [PreflightCheck] {
        let issues = request.issues
        return [
            check(id: PreflightCheckID.workflowId, title: "WorkflowId well-formed", parameter: SubmitWorkflowJob.Parameter.workflowId,
                  issues: issues, passMessage: "WorkflowId \(request.workflowId) has the shape of a VOD ID (32 hexadecimal characters); whether the workflow exists only the service can tell."),
            check(id: PreflightCheckID.mediaId, title: "MediaId well-formed", parameter: SubmitWorkflowJob.Parameter.mediaId,
                  issues: issues, passMessage: request.mediaId.map { "MediaId \($0) has the shape of a VOD ID (32 hexadecimal characters)." }
                    ?? "No MediaId given; it is optional and will not be sent."),
        ]
    }

    static func check(id: String, title: String, parameter: String, issues: [ParameterIssue], passMessage: String) -> PreflightCheck {
        let mine = issues.filter { $0.parameter == parameter }
        if let error = mine.first(where: { $0.severity == .error }) {
            return PreflightCheck(id: id, title: title, severity: .blocking, status: .fail, message: error.message + ".",
                                  remedy: error.remedy, details: mine.map(\.description))
        }
        if let warning = mine.first {
            return PreflightCheck(id: id, title: title, severity: .blocking, status: .warn, message: warning.message + ".",
                                  remedy: warning.remedy, details: mine.map(\.description))
        }
        return PreflightCheck(id: id, title: title, severity: .blocking, status: .pass, message: passMessage)
    }
}
