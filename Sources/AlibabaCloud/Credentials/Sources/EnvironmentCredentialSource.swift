/// `ALIBABA_CLOUD_ACCESS_KEY_ID` / `…_SECRET` / `…_SECURITY_TOKEN`: first in every official chain.
struct EnvironmentCredentialSource: CredentialSource {
    var kind: CredentialSourceKind { .environment }

    func load(in context: CredentialSourceContext) -> CredentialSourceResult {
        let idName = CredentialEnvironmentVariable.accessKeyId.rawValue
        let secretName = CredentialEnvironmentVariable.accessKeySecret.rawValue
        let id = context.value(.accessKeyId)
        let secret = context.value(.accessKeySecret)
        let token = context.value(.securityToken)

        switch (id, secret) {
        case (nil, nil):
            var warnings: [CredentialWarning] = []
            if context.value(.legacyAccessKeyId) != nil || context.value(.legacyAccessKeySecret) != nil {
                warnings.append(CredentialWarning(
                    code: "legacy-environment-variables",
                    message: "ALIYUN_ACCESS_KEY_ID/ALIYUN_ACCESS_KEY_SECRET are set, but only the legacy Python"
                        + " core SDK reads them; rename them to \(idName)/\(secretName)"
                ))
            }
            if token != nil {
                warnings.append(CredentialWarning(
                    code: "token-without-key",
                    message: "\(CredentialEnvironmentVariable.securityToken.rawValue) is set without \(idName) and \(secretName)"
                ))
            }
            return CredentialSourceResult(.notConfigured("\(idName) and \(secretName) are not set"), warnings: warnings)
        case (.some, nil):
            return CredentialSourceResult(.incomplete(missing: [secretName], detail: "\(idName) is set but \(secretName) is not (or is empty)"))
        case (nil, .some):
            return CredentialSourceResult(.incomplete(missing: [idName], detail: "\(secretName) is set but \(idName) is not (or is empty)"))
        case (.some(let id), .some(let secret)):
            let credential = Credential(accessKeyId: id, accessKeySecret: secret, securityToken: token)
            var detail = "\(idName)=\(credential.maskedAccessKeyId)"
            if token != nil { detail += " with \(CredentialEnvironmentVariable.securityToken.rawValue)" }
            return .found(credential, detail: detail, location: "environment", providerName: "default/env", now: context.now)
        }
    }
}
