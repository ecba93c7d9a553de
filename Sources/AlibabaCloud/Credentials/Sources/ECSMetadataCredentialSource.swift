/// The ECS instance RAM role from the metadata service. This module never contacts the service: the
/// source only reports whether it is disabled, explicitly configured, or would be probed.
struct ECSMetadataCredentialSource: CredentialSource {
    var kind: CredentialSourceKind { .ecsRamRole }

    func load(in context: CredentialSourceContext) -> CredentialSourceResult {
        let disabled = CredentialEnvironmentVariable.ecsMetadataDisabled.rawValue
        if context.isTrue(.ecsMetadataDisabled) {
            return CredentialSourceResult(.disabled("\(disabled)=true"))
        }
        if let role = context.value(.ecsMetadata) {
            return CredentialSourceResult(.needsNetworkCall(
                "the RAM role \"\(role)\" from \(CredentialEnvironmentVariable.ecsMetadata.rawValue) is fetched"
                    + " from the instance metadata service at 100.100.100.200"
            ))
        }
        return CredentialSourceResult(.notAttempted(
            "the instance metadata service (100.100.100.200) is not contacted offline; on an ECS instance with a"
                + " RAM role the SDKs would try it here. Set \(disabled)=true to skip it"
        ))
    }
}
