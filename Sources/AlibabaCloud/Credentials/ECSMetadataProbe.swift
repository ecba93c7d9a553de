/// Asks whether the ECS instance metadata service (`100.100.100.200`) answers, with the SDKs' short
/// timeouts (1 s connect, 1 s read; reference §7.5), so a preflight can say whether the ECS RAM role
/// source of the chain could work here.
///
/// It never fetches credentials — only the IMDSv2 token and, when no role is named in
/// `ALIBABA_CLOUD_ECS_METADATA`, the role *name* — and it does nothing at all when
/// `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true`, as the SDKs honour that switch. Getting the role's
/// credentials needs further network calls that ramguard does not make, so a reachable service is
/// reported as "needs a network call", not as a credential.
public struct ECSMetadataProbe: Sendable {
    public static let host = "100.100.100.200"

    public var environment: [String: String]
    public var transport: any HTTPTransport
    public var timeouts: TransportTimeouts

    public init(environment: [String: String], transport: any HTTPTransport,
                timeouts: TransportTimeouts = .metadataService) {
        self.environment = environment
        self.transport = transport
        self.timeouts = timeouts
    }

    /// Whether the user switched the probe off with `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true`.
    public var isDisabled: Bool {
        environment[CredentialEnvironmentVariable.ecsMetadataDisabled.rawValue]?.lowercased() == "true"
    }

    public func probe() async -> ECSMetadataProbeResult {
        let disabledName = CredentialEnvironmentVariable.ecsMetadataDisabled.rawValue
        if isDisabled {
            return .disabled("\(disabledName)=true: the instance metadata service is not contacted")
        }
        let base = "http://\(Self.host)"
        let tokenRequest = HTTPRequest(
            method: "PUT", url: base + "/latest/api/token",
            headers: [SignableRequest.Header("X-aliyun-ecs-metadata-token-ttl-seconds", "21600")])
        var token: String?
        do {
            let response = try await transport.send(tokenRequest, timeouts: timeouts)
            if response.isSuccess {
                token = String(decoding: response.body.prefix(4096), as: UTF8.self)
            }
        } catch {
            return .unreachable("\(Self.host) did not answer within \(timeouts) (\(error.kind)); this is not an ECS instance, or the metadata service is blocked. Set \(disabledName)=true to skip the probe")
        }
        if let role = environment[CredentialEnvironmentVariable.ecsMetadata.rawValue], !role.isEmpty {
            return .reachable(roleName: role, detail: "the metadata service answers; the RAM role \"\(role)\" (from \(CredentialEnvironmentVariable.ecsMetadata.rawValue)) would be fetched from it")
        }
        var listRequest = HTTPRequest(method: "GET", url: base + "/latest/meta-data/ram/security-credentials/", headers: [])
        if let token {
            listRequest.headers.append(SignableRequest.Header("X-aliyun-ecs-metadata-token", token))
        }
        do {
            let response = try await transport.send(listRequest, timeouts: timeouts)
            let text = String(decoding: response.body.prefix(256), as: UTF8.self)
                .split(whereSeparator: \.isNewline).first.map(String.init)
            if response.isSuccess, let role = text, !role.isEmpty,
               role.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) {
                return .reachable(roleName: role, detail: "the metadata service answers and the instance has the RAM role \"\(role)\"")
            }
            return .reachable(roleName: nil, detail: "the metadata service answers (HTTP \(response.status)) but names no RAM role: attach one to the instance, or use another credential source")
        } catch {
            return .reachable(roleName: nil, detail: "the metadata service answered the token request but not the role listing (\(error.kind))")
        }
    }
}

/// What ``ECSMetadataProbe`` found.
public enum ECSMetadataProbeResult: Sendable, Hashable, CustomStringConvertible {
    /// Switched off by `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true`.
    case disabled(String)
    /// No answer within the short timeout: not an ECS instance (or the service is blocked).
    case unreachable(String)
    /// The service answers: credentials could be had with further network calls.
    case reachable(roleName: String?, detail: String)

    /// `disabled`, `unreachable` or `needs-network-call`.
    public var status: String {
        switch self {
        case .disabled: "disabled"
        case .unreachable: "unreachable"
        case .reachable: "needs-network-call"
        }
    }

    public var detail: String {
        switch self {
        case .disabled(let detail), .unreachable(let detail), .reachable(_, let detail): detail
        }
    }

    public var description: String { "\(status) — \(detail)" }
}
