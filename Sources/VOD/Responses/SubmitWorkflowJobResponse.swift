/// A successful `SubmitWorkflowJob` answer: the request's ID and the ID of the started workflow task.
///
/// Source: API reference "Response elements" (`RequestId`, `TaskId`) and the SDK model
/// `alibabacloud_vod20170321/models/_submit_workflow_job_response_body.py`, which has exactly these two
/// fields (reference §1). The documented example shows `"TaskId": ""`, so an empty task ID is accepted
/// here; callers decide whether that is acceptable.
public struct SubmitWorkflowJobResponse: Sendable, Hashable, Codable {
    public var requestId: String
    public var taskId: String

    public init(requestId: String, taskId: String) {
        self.requestId = requestId
        self.taskId = taskId
    }

    enum CodingKeys: String, CodingKey {
        case requestId = "RequestId"
        case taskId = "TaskId"
    }

    /// Reads a 2xx body: a JSON object, or XML through `xmlReader` (root `SubmitWorkflowJobResponse`).
    ///
    /// - Throws: ``ResponseBodyError`` when the body cannot be read or `RequestId`/`TaskId` is missing.
    public static func parse(_ body: [UInt8], xmlReader: FlatXMLReader? = nil) throws(ResponseBodyError) -> SubmitWorkflowJobResponse {
        let fields = try BodyFields.read(body, xmlReader: xmlReader)
        guard let requestId = fields.value("RequestId") else {
            throw ResponseBodyError(kind: .missingField, message: "the response has no RequestId")
        }
        guard let taskId = fields.value("TaskId") else {
            throw ResponseBodyError(kind: .missingField, message: "the response has no TaskId (request \(requestId))")
        }
        return SubmitWorkflowJobResponse(requestId: requestId, taskId: taskId)
    }
}
