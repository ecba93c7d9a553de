import AlibabaCloud
import VOD

/// `endpoint.resolved`: a region VOD serves, or an acceptable `--endpoint` (https anywhere, http only on
/// loopback).
enum EndpointCheck {
    static let title = "Region and endpoint"

    static func run(_ target: TargetSpec) -> (PreflightCheck, ServiceEndpoint?) {
        switch target {
        case .missing:
            return (PreflightCheck(
                id: PreflightCheckID.endpoint, title: title, severity: .blocking, status: .fail,
                message: "No region or endpoint was given, so there is nowhere to send the call.",
                remedy: "Pass --region (e.g. cn-shanghai) or set ALIBABA_CLOUD_REGION_ID, or pass --endpoint https://…"), nil)
        case .local(let endpoint, let note):
            return (PreflightCheck(id: PreflightCheckID.endpoint, title: title, severity: .blocking, status: .pass,
                                   message: "\(endpoint): \(note)"), endpoint)
        case .endpoint(let text):
            do {
                let endpoint = try ServiceEndpoint(parsing: text)
                var message = "Using the endpoint \(endpoint) as given."
                var details: [String] = []
                if !endpoint.isSecure {
                    message += " Plain HTTP on loopback: the call carries acs:SecureTransport=false."
                }
                if endpoint.isSecure && !(endpoint.host.hasPrefix("vod.") || endpoint.host.hasPrefix("vod-vpc.")) {
                    details.append("\(endpoint.host) is not a documented VOD host (vod.<region>.aliyuncs.com)")
                }
                return (PreflightCheck(id: PreflightCheckID.endpoint, title: title, severity: .blocking, status: .pass,
                                       message: message, details: details), endpoint)
            } catch {
                let remedy = error.kind == .insecureRemote
                    ? "Use https:// for remote endpoints; http:// is only for a local emulator on 127.0.0.1, [::1] or localhost."
                    : "Write the endpoint as https://HOST[:PORT], e.g. https://vod.cn-shanghai.aliyuncs.com."
                return (PreflightCheck(id: PreflightCheckID.endpoint, title: title, severity: .blocking, status: .fail,
                                       message: "The endpoint \"\(text)\" is refused: \(error.message).", remedy: remedy), nil)
            }
        case .region(let regionId):
            do {
                let endpoint = try VODEndpoints.endpoint(forRegion: regionId)
                let name = VODEndpoints.region(id: endpoint.regionId).map { " (\($0.name))" } ?? ""
                var message: String
                switch endpoint.origin {
                case .sdkAlias(let target):
                    message = "\(regionId) has no VOD endpoint of its own; like the official SDK, the call goes to \(target)\(name)"
                default:
                    message = "VOD serves \(regionId)\(name)"
                }
                message += ": https://\(endpoint.host)."
                return (PreflightCheck(id: PreflightCheckID.endpoint, title: title, severity: .blocking, status: .pass, message: message),
                        ServiceEndpoint(httpsHost: endpoint.host))
            } catch {
                var remedy: String
                switch error.kind {
                case .malformedRegionId:
                    remedy = "Write the region ID like cn-shanghai or ap-southeast-1."
                case .deactivatedRegion:
                    remedy = "Use another region; VOD in \(regionId) no longer accepts calls."
                default:
                    remedy = "Use one of the documented VOD regions."
                    if let host = error.derivedHost {
                        remedy += " If you know VOD exists there, pass --endpoint https://\(host)."
                    }
                }
                return (PreflightCheck(id: PreflightCheckID.endpoint, title: title, severity: .blocking, status: .fail,
                                       message: error.message, remedy: remedy), nil)
            }
        }
    }
}
