import VOD

/// An error answer, able to render itself in the requested format — the body shape of reference §5.1:
/// `RequestId`, `HostId`, `Code`, `Message`, `Recommend`, and `AccessDeniedDetail` for RAM denials.
struct GatewayError: Error {
    var code: AlibabaErrorCode
    /// Overrides the catalogue message (e.g. to append the echoed string-to-sign).
    var message: String?
    var accessDeniedDetail: AccessDeniedDetail?
    /// Extra response headers (`x-acs-retry-after` for throttling).
    var headers: [(name: String, value: String)] = []

    init(_ code: AlibabaErrorCode, message: String? = nil, accessDeniedDetail: AccessDeniedDetail? = nil) {
        self.code = code
        self.message = message
        self.accessDeniedDetail = accessDeniedDetail
    }

    var body: AlibabaErrorBody {
        AlibabaErrorBody(
            requestId: nil, hostId: nil, code: code.code, message: message ?? code.message,
            recommend: AlibabaErrorBody.recommendURL(code: code.code), accessDeniedDetail: accessDeniedDetail)
    }

    func render(format: ResponseFormat, requestId: String, hostId: String) -> EmulatorResponse {
        var body = self.body
        body.requestId = requestId
        body.hostId = hostId
        return ResponseRenderer.error(body, status: code.httpStatus, format: format, extraHeaders: headers)
    }
}
