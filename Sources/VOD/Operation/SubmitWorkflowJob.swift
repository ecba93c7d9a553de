/// The `SubmitWorkflowJob` operation: starts a VOD workflow (transcoding, review, …) for a media asset.
///
/// Sources: the API reference (`SubmitWorkflowJob-api-reference.txt`, "Last Updated: Dec 15, 2025") and
/// reference `alibaba-openapi.md` §1. The operation is asynchronous: it answers with a `TaskId`, and the
/// result arrives by callback or through `GetTask`. It has **no idempotency token** (§6.5), so a request
/// whose outcome is unknown must not be retried blindly.
public enum SubmitWorkflowJob: Sendable {
    /// The `Action` parameter / `x-acs-action` header.
    public static let action = "SubmitWorkflowJob"
    /// The RAM action checked for the call; access level "create", All Resources, no condition keys.
    public static let ramAction = "vod:SubmitWorkflowJob"
    /// The resource RAM evaluates for this All-Resources action.
    public static let ramResource = "*"
    /// The HTTP method both official SDKs use (`set_method('POST')` in aliyun-python-sdk-vod,
    /// `method='POST'` in alibabacloud_vod20170321); the operation's metadata also allows GET.
    public static let httpMethod = "POST"
    /// The request path: RPC-style operations are all served at `/`.
    public static let path = "/"

    /// Query parameter names.
    public enum Parameter: Sendable {
        public static let workflowId = "WorkflowId"
        public static let mediaId = "MediaId"
    }
}
