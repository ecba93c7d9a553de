import AlibabaCloud

/// The parameters of one `SubmitWorkflowJob` call, and how they go on the wire.
///
/// A plain value: build it, run ``issues`` (or ``validated()``) as an offline preflight, then turn it into
/// a ``SignableRequest`` for ``V3Signer`` or ``RPCV1Signer`` with ``signableRequest(host:scheme:format:)``.
/// The wire shape is the one both official SDKs send (reference §0.2, §9.2): `POST /` with the parameters
/// in the query string, an empty body and no `Content-Type`.
public struct SubmitWorkflowJobRequest: Sendable, Hashable {
    /// `WorkflowId`, required.
    public var workflowId: String
    /// `MediaId` (the video ID), optional; `nil` leaves the parameter out.
    public var mediaId: String?

    public init(workflowId: String, mediaId: String? = nil) {
        self.workflowId = workflowId
        self.mediaId = mediaId
    }

    // MARK: Preflight

    /// Every problem the offline rules (``ParameterRule/all``) find, errors and warnings, in rule order.
    public var issues: [ParameterIssue] {
        var issues: [ParameterIssue] = []
        let workflow = SubmitWorkflowJob.Parameter.workflowId
        let media = SubmitWorkflowJob.Parameter.mediaId

        if workflowId.isEmpty {
            issues.append(ParameterIssue(
                severity: .error, rule: .workflowIdRequired, parameter: workflow,
                message: "WorkflowId is required but empty; the service would answer MissingWorkflowId"))
        } else if !VODIdentifier.isWellFormed(workflowId) {
            issues.append(ParameterIssue(
                severity: .error, rule: .workflowIdFormat, parameter: workflow,
                message: "\(VODIdentifier.quoted(workflowId)) \(VODIdentifier.problem(with: workflowId)); a workflow ID is 32 hexadecimal characters"))
        }
        if let mediaId {
            if mediaId.isEmpty {
                issues.append(ParameterIssue(
                    severity: .warning, rule: .mediaIdEmpty, parameter: media,
                    message: "MediaId is empty and would be sent as \"MediaId=\""))
            } else if !VODIdentifier.isWellFormed(mediaId) {
                issues.append(ParameterIssue(
                    severity: .error, rule: .mediaIdFormat, parameter: media,
                    message: "\(VODIdentifier.quoted(mediaId)) \(VODIdentifier.problem(with: mediaId)); a video ID is 32 hexadecimal characters"))
            }
        }
        for (name, value) in [(workflow, workflowId), (media, mediaId ?? "")]
        where VODIdentifier.isWellFormed(value) && !VODIdentifier.isCanonical(value) {
            issues.append(ParameterIssue(
                severity: .warning, rule: .idLowercase, parameter: name,
                message: "\(VODIdentifier.quoted(value)) has uppercase letters; VOD IDs are lowercase"))
        }
        return issues
    }

    /// The request itself when no error-severity issue was found (warnings are allowed).
    ///
    /// - Throws: ``ParameterValidationError`` listing every issue when at least one is an error.
    public func validated() throws(ParameterValidationError) -> SubmitWorkflowJobRequest {
        let issues = self.issues
        if issues.contains(where: { $0.severity == .error }) {
            throw ParameterValidationError(issues: issues)
        }
        return self
    }

    // MARK: Wire form

    /// The operation's own parameters, `WorkflowId` then `MediaId` (when not `nil`), decoded values.
    public var operationParameters: [SignableRequest.Parameter] {
        var parameters = [SignableRequest.Parameter(SubmitWorkflowJob.Parameter.workflowId, workflowId)]
        if let mediaId {
            parameters.append(SignableRequest.Parameter(SubmitWorkflowJob.Parameter.mediaId, mediaId))
        }
        return parameters
    }

    /// The unsigned request for `host`, ready for the signer of `scheme`.
    ///
    /// - V3 (`ACS3-HMAC-SHA256`): query = the operation's parameters; headers `x-acs-action` and
    ///   `x-acs-version`. The signer adds `host`, `x-acs-date`, `x-acs-signature-nonce`,
    ///   `x-acs-content-sha256`, `x-acs-security-token` and `Authorization`. `Format` is sent only for XML,
    ///   since V3 answers JSON by default.
    /// - RPC V1 (`HMAC-SHA1`): query = `Action`, `Version`, `Format` plus the operation's parameters (the
    ///   common parameters of reference §2.1); the signer adds `AccessKeyId`, `SignatureMethod`,
    ///   `SignatureVersion`, `SignatureNonce`, `Timestamp`, `SecurityToken` and `Signature`. `Format` is
    ///   always sent because VOD's V1 default is XML. `RegionId` is not a VOD common parameter and is
    ///   omitted, as the current tea SDK does.
    ///
    /// - Parameters:
    ///   - host: the endpoint authority, e.g. `vod.cn-shanghai.aliyuncs.com` (``VODEndpoint/host``), with
    ///     `:port` for a non-default port (an emulator on loopback).
    public func signableRequest(host: String, scheme: SignatureScheme, format: ResponseFormat = .json) -> SignableRequest {
        switch scheme {
        case .v3:
            var query = operationParameters
            if format != .json {
                query.append(SignableRequest.Parameter("Format", format.rawValue))
            }
            return SignableRequest(
                method: SubmitWorkflowJob.httpMethod,
                host: host,
                path: SubmitWorkflowJob.path,
                query: query,
                headers: [
                    SignableRequest.Header("x-acs-action", SubmitWorkflowJob.action),
                    SignableRequest.Header("x-acs-version", VODAPI.version),
                ]
            )
        case .rpcV1:
            let common = [
                SignableRequest.Parameter("Action", SubmitWorkflowJob.action),
                SignableRequest.Parameter("Version", VODAPI.version),
                SignableRequest.Parameter("Format", format.rawValue),
            ]
            return SignableRequest(
                method: SubmitWorkflowJob.httpMethod,
                host: host,
                path: SubmitWorkflowJob.path,
                query: common + operationParameters
            )
        }
    }
}
