import VOD

/// Turns bodies into ``EmulatorResponse`` values in JSON or XML.
enum ResponseRenderer {
    static func error(_ body: AlibabaErrorBody, status: Int, format: ResponseFormat,
                      extraHeaders: [(name: String, value: String)] = []) -> EmulatorResponse {
        var fields: [(name: String, value: String)] = []
        if let requestId = body.requestId { fields.append(("RequestId", requestId)) }
        if let hostId = body.hostId { fields.append(("HostId", hostId)) }
        fields.append(("Code", body.code))
        if let message = body.message { fields.append(("Message", message)) }
        if let recommend = body.recommend { fields.append(("Recommend", recommend)) }
        let group = body.accessDeniedDetail.map { (name: "AccessDeniedDetail", fields: $0.orderedFields) }
        return response(status: status, root: "Error", fields: fields, group: group, format: format,
                        requestId: body.requestId, extraHeaders: extraHeaders)
    }

    static func success(_ response: SubmitWorkflowJobResponse, format: ResponseFormat) -> EmulatorResponse {
        self.response(status: 200, root: "SubmitWorkflowJobResponse",
                      fields: [("RequestId", response.requestId), ("TaskId", response.taskId)],
                      group: nil, format: format, requestId: response.requestId)
    }

    static func response(
        status: Int, root: String, fields: [(name: String, value: String)],
        group: (name: String, fields: [(name: String, value: String)])?, format: ResponseFormat,
        requestId: String?, extraHeaders: [(name: String, value: String)] = []
    ) -> EmulatorResponse {
        var format = format
        var bytes: [UInt8]
        switch format {
        case .json:
            bytes = JSONBodyWriter.object(fields, group: group)
        case .xml:
            do {
                bytes = try XMLBodyWriter.document(root: root, fields: fields, group: group)
            } catch {
                // libxml2 fails only when out of memory; answer in JSON rather than not at all.
                format = .json
                bytes = JSONBodyWriter.object(fields, group: group)
            }
        }
        var headers: [(name: String, value: String)] = [("Content-Type", format.contentType)]
        if let requestId { headers.append(("x-acs-request-id", requestId)) }
        headers += extraHeaders
        return EmulatorResponse(status: status, headers: headers, body: bytes)
    }
}
