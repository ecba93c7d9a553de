/// The reason phrases the emulator writes on its status lines: the standard ones of RFC 9110 for the
/// statuses the pipeline produces, so a client that logs the status line sees what the gateway sends.
enum ReasonPhrase {
    static func phrase(for status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 413: "Content Too Large"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}
