import AlibabaCloud
import Foundation
import Preflight
import RAMPolicy
import VOD

enum Sample {
    static let workflow = "34d577eade633860bdf1237a2b1f8c9e"
    static let media = "058b39e75269da42b08f00459e7a4c21"
    static let longTerm = Credential(accessKeyId: "LTAI-NOT-A-REAL-KEY-Id", accessKeySecret: "ExampleAccessKeySecret01234567")
    static let sts = Credential(accessKeyId: "STS.NUExampleTemporaryAccessKey01", accessKeySecret: "ExampleTemporarySecret0123",
                                securityToken: "CAISExampleToken")
    static let now = Date(timeIntervalSince1970: 1_780_000_000)  // 2026-05-28

    /// A credential lookup through the real chain, from environment variables only.
    static func chain(_ environment: [String: String]) -> CredentialLookup {
        var env = environment
        env["HOME"] = "/nonexistent-ramguard-home"
        env["ALIBABA_CLOUD_ECS_METADATA_DISABLED"] = env["ALIBABA_CLOUD_ECS_METADATA_DISABLED"] ?? "true"
        do {
            return .resolved(try CredentialProviderChain(environment: env).resolve(now: now))
        } catch {
            return .failed(error)
        }
    }

    static func resolved(_ credential: Credential) -> CredentialLookup {
        .provided(credential, note: "given by the test", resolution: nil)
    }

    static func policy(_ text: String, name: String = "p.json", kind: PolicyKind = .identity) -> Policy {
        PolicyValidator(options: ValidationOptions(kind: kind)).validate(PolicySource(name: name, text: text)).policy!
    }

    static func grant(_ texts: [String], context: [(String, String)] = []) -> PolicyGrantInput {
        var user = RequestContext()
        for (key, value) in context { user.add(key, value: value) }
        return PolicyGrantInput(authorizer: Authorizer(identity: texts.enumerated().map { policy($0.element, name: "policy\($0.offset).json") }),
                                files: texts.indices.map { "policy\($0).json" }, userContext: user)
    }

    static func input(
        credentials: CredentialLookup = resolved(longTerm), target: TargetSpec = .region("cn-shanghai"),
        workflowId: String = workflow, mediaId: String? = nil, policies: PolicyGrantInput? = nil, now: Date = now,
        serverDate: (Date, Date)? = nil
    ) -> PreflightInput {
        PreflightInput(credentials: credentials, target: target, request: SubmitWorkflowJobRequest(workflowId: workflowId, mediaId: mediaId),
                       policies: policies, now: now, serverDate: serverDate.map { (server: $0.0, local: $0.1) })
    }

    static func check(_ id: String, _ input: PreflightInput) -> PreflightCheck {
        Preflight.run(input).check(id)!
    }
}

enum Policies {
    static let allowSubmit = #"{"Version":"1","Statement":[{"Effect":"Allow","Action":"vod:SubmitWorkflowJob","Resource":"*"}]}"#
    static let denySubmit = #"{"Version":"1","Statement":[{"Sid":"Stop","Effect":"Deny","Action":"vod:*","Resource":"*"}]}"#
    static let readOnly = #"{"Version":"1","Statement":[{"Effect":"Allow","Action":"vod:Get*","Resource":"*"}]}"#
    static let httpsOnly = #"{"Version":"1","Statement":[{"Effect":"Allow","Action":"vod:SubmitWorkflowJob","Resource":"*","Condition":{"Bool":{"acs:SecureTransport":"true"}}}]}"#
    static let fromOffice = #"{"Version":"1","Statement":[{"Effect":"Allow","Action":"vod:SubmitWorkflowJob","Resource":"*","Condition":{"IpAddress":{"acs:SourceIp":"203.0.113.0/24"}}}]}"#
    static let arnResource = #"{"Version":"1","Statement":[{"Effect":"Allow","Action":"vod:SubmitWorkflowJob","Resource":"acs:vod:*:*:*"}]}"#
}
