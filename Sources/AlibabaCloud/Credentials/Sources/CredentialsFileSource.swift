/// The INI credentials file, fourth in the official chains.
///
/// Its default name differs by SDK: Python and Java read `~/.alibabacloud/credentials.ini`, Go reads
/// `~/.alibabacloud/credentials`. Both are looked for (`.ini` first); `ALIBABA_CLOUD_CREDENTIALS_FILE`
/// overrides both. Only `type = access_key` sections give credentials offline.
struct CredentialsFileSource: CredentialSource {
    var kind: CredentialSourceKind { .credentialsFile }

    static let networkTypes: [String: String] = [
        "ecs_ram_role": "fetches the ECS instance RAM role from the metadata service",
        "ram_role_arn": "assumes a RAM role with STS AssumeRole",
        "oidc_role_arn": "exchanges an OIDC token with STS AssumeRoleWithOIDC",
        "rsa_key_pair": "exchanges an RSA key pair for a session AccessKey (deprecated)",
    ]

    func load(in context: CredentialSourceContext) -> CredentialSourceResult {
        let fileVariable = CredentialEnvironmentVariable.credentialsFile.rawValue
        var warnings: [CredentialWarning] = []
        let path: String
        let bytes: [UInt8]
        if let configured = context.value(.credentialsFile) {
            path = configured
            switch context.read(path) {
            case .missing:
                return CredentialSourceResult(.unreadable(path: path, reason: "\(fileVariable) points here, but there is no such file"), location: path)
            case .unreadable(let reason):
                return CredentialSourceResult(.unreadable(path: path, reason: reason), location: path)
            case .contents(let contents):
                bytes = contents
            }
        } else {
            guard let ini = context.homePath(".alibabacloud/credentials.ini"),
                  let plain = context.homePath(".alibabacloud/credentials")
            else {
                return CredentialSourceResult(.notConfigured("there is no home directory to find .alibabacloud/credentials.ini in"))
            }
            switch (context.read(ini), context.read(plain)) {
            case (.missing, .missing):
                return CredentialSourceResult(.notConfigured("neither \(ini) nor \(plain) exists"))
            case (.unreadable(let reason), _):
                return CredentialSourceResult(.unreadable(path: ini, reason: reason), location: ini)
            case (.contents(let contents), let other):
                path = ini
                bytes = contents
                if case .missing = other {} else {
                    warnings.append(CredentialWarning(
                        code: "two-credentials-files",
                        message: "both \(ini) and \(plain) exist; this chain and the Python and Java SDKs read"
                            + " \(ini), the Go SDK reads \(plain). Keep one"
                    ))
                }
            case (.missing, .unreadable(let reason)):
                return CredentialSourceResult(.unreadable(path: plain, reason: reason), location: plain)
            case (.missing, .contents(let contents)):
                path = plain
                bytes = contents
            }
        }

        let file: INIFile
        do {
            file = try INIFile.parse(String(decoding: bytes, as: UTF8.self))
        } catch {
            return CredentialSourceResult(
                .malformed(CredentialFileIssue(path: path, line: error.line, field: error.key, message: error.message)),
                location: path,
                warnings: warnings
            )
        }

        let (profileName, origin) = context.selectedProfile ?? ("default", "the default")
        let location = "\(path), section [\(profileName)] (\(origin))"
        guard let section = file.section(named: profileName) else {
            let known = file.sections.isEmpty ? "it has none" : "it has " + file.sections.map { "[\($0.name)]" }.joined(separator: ", ")
            return CredentialSourceResult(.notConfigured("there is no [\(profileName)] section in \(path); \(known)"), location: location, warnings: warnings)
        }
        if section.entries["enable"]?.value.lowercased() == "false" {
            warnings.append(CredentialWarning(
                code: "section-disabled-for-java",
                message: "[\(profileName)] has enable = false; the Java SDK skips such sections"
            ))
        }
        guard let typeEntry = section.entries["type"], !typeEntry.value.isEmpty else {
            return CredentialSourceResult(
                .incomplete(missing: ["type"], detail: "[\(profileName)] at \(path):\(section.line) needs e.g. type = access_key"),
                location: location,
                warnings: warnings
            )
        }
        switch typeEntry.value {
        case "access_key":
            let required = ["access_key_id", "access_key_secret"]
            let missing = required.filter { (section.entries[$0]?.value ?? "").isEmpty }
            guard missing.isEmpty, let id = section.entries["access_key_id"]?.value,
                  let secret = section.entries["access_key_secret"]?.value
            else {
                return CredentialSourceResult(
                    .incomplete(missing: missing, detail: "[\(profileName)] (type access_key) at \(path):\(section.line) needs them non-empty"),
                    location: location,
                    warnings: warnings
                )
            }
            let credential = Credential(accessKeyId: id, accessKeySecret: secret)
            return .found(
                credential,
                detail: "[\(profileName)] (type access_key), AccessKey \(credential.maskedAccessKeyId)",
                location: location,
                providerName: "default/profile/static_ak",
                now: context.now,
                warnings: warnings
            )
        case let type:
            if let need = Self.networkTypes[type] {
                return CredentialSourceResult(
                    .needsNetworkCall("[\(profileName)] has type \(type), which \(need)"),
                    location: location,
                    warnings: warnings
                )
            }
            return CredentialSourceResult(
                .malformed(CredentialFileIssue(
                    path: path,
                    line: typeEntry.line,
                    field: "type",
                    message: "unknown credential type \"\(type)\"; use access_key, ecs_ram_role, ram_role_arn or oidc_role_arn"
                )),
                location: location,
                warnings: warnings
            )
        }
    }
}
