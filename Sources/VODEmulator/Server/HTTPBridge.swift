import AlibabaCloud
import FlyingFox
import FlyingSocks
import Foundation

/// Adapts the transport-neutral pipeline to FlyingFox.
struct EmulatorHTTPHandler: HTTPHandler {
    let processor: RequestProcessor

    func handleRequest(_ request: FlyingFox.HTTPRequest) async throws -> FlyingFox.HTTPResponse {
        let body = try await request.bodyData
        var headers: [SignableRequest.Header] = []
        for (name, value) in request.headers {
            headers.append(SignableRequest.Header(name.rawValue, value))
        }
        let peer: String?
        switch request.remoteAddress {
        case .ip4(let address, port: _), .ip6(let address, port: _): peer = address
        case .unix, .none: peer = nil
        }
        let incoming = IncomingRequest(method: request.method.rawValue, target: request.target.rawValue,
                                       headers: headers, body: [UInt8](body), peerAddress: peer)
        switch await processor.process(incoming) {
        case .respond(let response):
            var httpHeaders = HTTPHeaders()
            for header in response.headers {
                httpHeaders.addValue(header.value, for: HTTPHeader(header.name))
            }
            return FlyingFox.HTTPResponse(statusCode: HTTPStatusCode(response.status, phrase: Self.reasonPhrase(response.status)),
                                headers: httpHeaders, body: Data(response.body))
        case .dropConnection:
            return FlyingFox.HTTPResponse(webSocket: ConnectionDropper())
        }
    }

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}
