/// The offline checks a preflight runs on `SubmitWorkflowJob` parameters, each with its source.
///
/// Only well-formedness is checked here; whether a workflow or media asset *exists* is for the service to
/// say. Rules are values with a stable ``id`` so reports and tests can refer to them.
public struct ParameterRule: Sendable, Hashable, CustomStringConvertible {
    /// Stable kebab-case identifier, e.g. `workflow-id-required`.
    public var id: String
    /// One sentence saying how to fix a value the rule rejects.
    public var remedy: String
    /// Where the rule comes from.
    public var source: String

    public init(id: String, remedy: String, source: String) {
        self.id = id
        self.remedy = remedy
        self.source = source
    }

    public var description: String { id }

    /// `WorkflowId` is required and must not be empty.
    ///
    /// Source: API reference, Request parameters table: "WorkflowId | string | Yes". The gateway answers a
    /// missing required parameter with `Missing{Name}` (reference §5.3), i.e. `MissingWorkflowId`.
    public static let workflowIdRequired = ParameterRule(
        id: "workflow-id-required",
        remedy: "Pass the workflow's ID (VOD console: Configuration Management > Media Processing > Workflow Management).",
        source: "SubmitWorkflowJob API reference, request parameters: WorkflowId, string, required"
    )

    /// `WorkflowId` has the form of a VOD ID: 32 hexadecimal characters.
    ///
    /// Source: the API reference documents only "string" and shows the masked example
    /// `34d577eade633860bdf1237****` (23 lowercase hex characters before the mask); the SDK signing vectors
    /// and captured SDK requests use the full ID `34d577eade633860bdf1237a2b1f8c9e` (32 lowercase hex).
    /// The format is therefore *observed*, not specified.
    public static let workflowIdFormat = ParameterRule(
        id: "workflow-id-format",
        remedy: "Copy the workflow ID exactly as the console shows it: 32 hexadecimal characters, no spaces or quotes.",
        source: "observed: API reference example 34d577eade633860bdf1237**** and SDK vectors 34d577eade633860bdf1237a2b1f8c9e"
    )

    /// `MediaId` (the video ID), when given, has the form of a VOD ID: 32 hexadecimal characters.
    ///
    /// Source: VOD's "Signature method" doc uses `VideoId=5aed81b74ba84920be578cdfe004af4b` (32 lowercase
    /// hex, reference §2.3); the API reference's masked example `058b39e75269da42b08f00459****` and the SDK
    /// vectors' `058b39e75269da42b08f00459e7a4c21` have the same shape. MediaId is optional (reference §1:
    /// current docs, SDK model and OpenAPI metadata agree).
    public static let mediaIdFormat = ParameterRule(
        id: "media-id-format",
        remedy: "Pass the video ID (VideoId from CreateUploadVideo or SearchMedia): 32 hexadecimal characters, or omit MediaId.",
        source: "observed: VOD signature doc VideoId 5aed81b74ba84920be578cdfe004af4b; API reference example 058b39e75269da42b08f00459****"
    )

    /// An empty `MediaId` is sent as `MediaId=` and signed; it is almost certainly a mistake for "no media".
    ///
    /// Source: signing vectors case `empty-media-id` (the SDKs send and sign `MediaId=`).
    public static let mediaIdEmpty = ParameterRule(
        id: "media-id-empty",
        remedy: "Omit MediaId instead of sending it empty.",
        source: "signing-vectors.json case empty-media-id"
    )

    /// VOD IDs are lowercase; an uppercase ID is probably a transformed copy.
    ///
    /// Source: every observed VOD ID (see ``workflowIdFormat`` and ``mediaIdFormat``) is lowercase. Whether
    /// the service compares IDs case-insensitively is not documented, so this is only a warning.
    public static let idLowercase = ParameterRule(
        id: "id-lowercase",
        remedy: "Use the ID exactly as the console or API returned it (lowercase).",
        source: "observed: all documented and captured VOD IDs are lowercase hex"
    )

    /// Every rule, in the order a preflight runs them.
    public static let all: [ParameterRule] = [workflowIdRequired, workflowIdFormat, mediaIdFormat, mediaIdEmpty, idLowercase]
}
