/// `ALIBABA_CLOUD_CREDENTIALS_URI`: last in the official chains, and only when set.
struct CredentialsURISource: CredentialSource {
    var kind: CredentialSourceKind { .credentialsURI }

    func load(in context: CredentialSourceContext) -> CredentialSourceResult {
        guard let uri = context.value(.credentialsURI) else {
            return CredentialSourceResult(.notConfigured("\(CredentialEnvironmentVariable.credentialsURI.rawValue) is not set"))
        }
        // The query or user info of such a URI can hold a token: show only scheme, host and path.
        var shown = uri
        if let cut = shown.firstIndex(where: { $0 == "?" || $0 == "#" }) { shown = String(shown[..<cut]) + "?…" }
        if let schemeEnd = shown.range(of: "://") {
            let afterScheme = shown[schemeEnd.upperBound...]
            let authority = afterScheme[..<(afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex)]
            if let at = authority.lastIndex(of: "@") {
                shown = String(shown[..<schemeEnd.upperBound]) + "…" + String(shown[at...])
            }
        }
        return CredentialSourceResult(.needsNetworkCall("credentials are fetched with GET \(shown)"))
    }
}
