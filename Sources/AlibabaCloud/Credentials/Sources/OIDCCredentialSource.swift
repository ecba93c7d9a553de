/// OIDC role assumption configured through the environment (RRSA on ACK). Recognised so the report can
/// say it applies; exchanging the token needs STS `AssumeRoleWithOIDC`, a network call.
struct OIDCCredentialSource: CredentialSource {
    var kind: CredentialSourceKind { .oidcRoleArn }

    func load(in context: CredentialSourceContext) -> CredentialSourceResult {
        let variables: [CredentialEnvironmentVariable] = [.roleArn, .oidcProviderArn, .oidcTokenFile]
        let missing = variables.filter { context.value($0) == nil }.map(\.rawValue)
        let oidcSpecific = context.value(.oidcProviderArn) != nil || context.value(.oidcTokenFile) != nil
        if missing.isEmpty, let roleArn = context.value(.roleArn), let tokenFile = context.value(.oidcTokenFile) {
            var warnings: [CredentialWarning] = []
            if case .missing = context.read(tokenFile) {
                warnings.append(CredentialWarning(
                    code: "oidc-token-file-missing",
                    message: "\(CredentialEnvironmentVariable.oidcTokenFile.rawValue) points to \(tokenFile), which does not exist"
                ))
            }
            return CredentialSourceResult(
                .needsNetworkCall("exchanging the OIDC token for role \(roleArn) needs STS AssumeRoleWithOIDC"),
                location: tokenFile,
                warnings: warnings
            )
        }
        if oidcSpecific {
            return CredentialSourceResult(.incomplete(
                missing: missing,
                detail: "OIDC needs \(variables.map(\.rawValue).joined(separator: ", ")) all set"
            ))
        }
        return CredentialSourceResult(.notConfigured(
            "\(CredentialEnvironmentVariable.oidcProviderArn.rawValue) and \(CredentialEnvironmentVariable.oidcTokenFile.rawValue) are not set"
        ))
    }
}
