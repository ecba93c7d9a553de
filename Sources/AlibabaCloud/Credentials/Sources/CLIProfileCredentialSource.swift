import Foundation

/// The Aliyun CLI's `~/.aliyun/config.json`, which the current SDKs read third.
///
/// `AK` and `StsToken` profiles give static credentials. The other modes the SDKs accept need a network
/// call (STS, metadata, SSO) or a process, and are reported as such; modes only the CLI knows are
/// reported as unsupported, as the SDKs reject them too.
struct CLIProfileCredentialSource: CredentialSource {
    var kind: CredentialSourceKind { .cliProfile }

    /// Modes the SDK credential libraries accept that cannot be resolved offline, with what they need.
    static let networkModes: [String: String] = [
        "RamRoleArn": "assumes a RAM role with STS AssumeRole",
        "ChainableRamRoleArn": "assumes a RAM role with STS AssumeRole, starting from another profile",
        "EcsRamRole": "fetches the ECS instance RAM role from the metadata service",
        "OIDC": "exchanges an OIDC token with STS AssumeRoleWithOIDC",
        "CloudSSO": "gets credentials from CloudSSO",
        "OAuth": "gets credentials through OAuth",
        "External": "runs an external command (process_command) to get credentials",
    ]

    /// Modes the `aliyun` CLI knows but the SDK credential libraries reject.
    static let cliOnlyModes: Set<String> = [
        "RsaKeyPair", "RamRoleArnWithRoleName", "CredentialsURI", "BearerToken", "Anonymous",
    ]

    func load(in context: CredentialSourceContext) -> CredentialSourceResult {
        let disabledName = CredentialEnvironmentVariable.cliProfileDisabled.rawValue
        if context.isTrue(.cliProfileDisabled) {
            return CredentialSourceResult(.disabled("\(disabledName)=true"))
        }
        let path: String
        if let overridden = context.value(.configFile) {
            path = overridden
        } else if let home = context.homePath(".aliyun/config.json") {
            path = home
        } else {
            return CredentialSourceResult(.notConfigured("there is no home directory to find .aliyun/config.json in"))
        }

        let bytes: [UInt8]
        switch context.read(path) {
        case .missing:
            return CredentialSourceResult(.notConfigured("\(path) does not exist"), location: path)
        case .unreadable(let reason):
            return CredentialSourceResult(.unreadable(path: path, reason: reason), location: path)
        case .contents(let contents):
            bytes = contents
        }

        let root: LocatedJSON
        do {
            root = try LocatedJSON.parse(bytes)
        } catch {
            return malformed(path, line: error.line, column: error.column, field: nil, "not valid JSON: \(error.message)")
        }
        guard case .object = root.value else {
            return malformed(path, at: root, field: nil, "the top level must be an object, not \(root.typeName)")
        }

        let profileName: String
        let origin: String
        if let selected = context.selectedProfile {
            (profileName, origin) = selected
        } else if let current = root["current"] {
            guard let name = current.stringValue else {
                return malformed(path, at: current, field: "current", "must be a string, not \(current.typeName)")
            }
            guard !name.isEmpty else {
                return CredentialSourceResult(
                    .notConfigured("no profile is selected: \"current\" is empty and \(CredentialEnvironmentVariable.profile.rawValue) is not set"),
                    location: path
                )
            }
            (profileName, origin) = (name, "the file's \"current\"")
        } else {
            return CredentialSourceResult(
                .notConfigured("no profile is selected: there is no \"current\" and \(CredentialEnvironmentVariable.profile.rawValue) is not set"),
                location: path
            )
        }
        let location = "\(path), profile \"\(profileName)\" (\(origin))"

        guard let profilesValue = root["profiles"] else {
            return CredentialSourceResult(.notConfigured("\(path) has no \"profiles\""), location: location)
        }
        guard case .array(let profiles) = profilesValue.value else {
            return malformed(path, at: profilesValue, field: "profiles", "must be an array, not \(profilesValue.typeName)")
        }
        var names: [String] = []
        var found: (profile: LocatedJSON, index: Int)?
        for (index, profile) in profiles.enumerated() {
            guard case .object = profile.value else {
                return malformed(path, at: profile, field: "profiles[\(index)]", "each profile must be an object, not \(profile.typeName)")
            }
            guard let name = profile["name"]?.stringValue else { continue }
            names.append(name)
            if name == profileName { found = (profile, index) }
        }
        guard let (profile, index) = found else {
            let known = names.isEmpty ? "it has none" : "it has " + names.map { "\"\($0)\"" }.joined(separator: ", ")
            return CredentialSourceResult(.notConfigured("there is no profile named \"\(profileName)\" in \(path); \(known)"), location: location)
        }
        let field = "profiles[\(index)]"

        guard let modeValue = profile["mode"] else {
            return CredentialSourceResult(
                .incomplete(missing: ["mode"], detail: "profile \"\(profileName)\" at \(path):\(profile.line) has no \"mode\""),
                location: location
            )
        }
        guard let mode = modeValue.stringValue else {
            return malformed(path, at: modeValue, field: "\(field).mode", "must be a string, not \(modeValue.typeName)")
        }

        switch mode {
        case "AK", "StsToken":
            var required = ["access_key_id", "access_key_secret"]
            if mode == "StsToken" { required.append("sts_token") }
            var values: [String: String] = [:]
            var missing: [String] = []
            for key in required {
                guard let value = profile[key] else {
                    missing.append(key)
                    continue
                }
                guard let text = value.stringValue else {
                    return malformed(path, at: value, field: "\(field).\(key)", "must be a string, not \(value.typeName)")
                }
                if text.isEmpty { missing.append(key) } else { values[key] = text }
            }
            guard missing.isEmpty, let id = values["access_key_id"], let secret = values["access_key_secret"] else {
                return CredentialSourceResult(
                    .incomplete(missing: missing, detail: "profile \"\(profileName)\" (mode \(mode)) at \(path):\(profile.line) needs them non-empty"),
                    location: location
                )
            }
            var expiration: Date?
            if let expiry = profile["sts_expiration"], mode == "StsToken" {
                guard case .number(let text) = expiry.value, let seconds = Double(text) else {
                    return malformed(path, at: expiry, field: "\(field).sts_expiration", "must be a Unix time in seconds, not \(expiry.typeName)")
                }
                if seconds > 0 { expiration = Date(timeIntervalSince1970: seconds) }
            }
            let credential = Credential(accessKeyId: id, accessKeySecret: secret, securityToken: values["sts_token"], expiration: expiration)
            return .found(
                credential,
                detail: "profile \"\(profileName)\" (mode \(mode)), AccessKey \(credential.maskedAccessKeyId)",
                location: location,
                providerName: mode == "AK" ? "default/cli_profile/static_ak" : "default/cli_profile/static_sts",
                now: context.now
            )
        default:
            if let need = Self.networkModes[mode] {
                return CredentialSourceResult(.needsNetworkCall("profile \"\(profileName)\" uses mode \(mode), which \(need)"), location: location)
            }
            if Self.cliOnlyModes.contains(mode) {
                return CredentialSourceResult(
                    .unsupported("profile \"\(profileName)\" uses mode \(mode), which the aliyun CLI knows but the SDK credential chain rejects"),
                    location: location
                )
            }
            return CredentialSourceResult(
                .unsupported("profile \"\(profileName)\" has unknown mode \"\(mode)\" (line \(modeValue.line)); use AK or StsToken"),
                location: location
            )
        }
    }

    private func malformed(_ path: String, line: Int, column: Int?, field: String?, _ message: String) -> CredentialSourceResult {
        let issue = CredentialFileIssue(path: path, line: line, column: column, field: field, message: message)
        return CredentialSourceResult(.malformed(issue), location: path)
    }

    private func malformed(_ path: String, at value: LocatedJSON, field: String?, _ message: String) -> CredentialSourceResult {
        malformed(path, line: value.line, column: value.column, field: field, message)
    }
}
