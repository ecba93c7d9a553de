import AlibabaCloud
import Foundation

/// `credentials.*`: found, complete, well-formed, STS token present, not expired. Never shows a secret.
enum CredentialChecks {
    static let remedyConfigure = "Set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (plus"
        + " ALIBABA_CLOUD_SECURITY_TOKEN for STS keys), or configure an AK or StsToken profile with `aliyun configure`"
        + " and choose it with --profile or ALIBABA_CLOUD_PROFILE."

    static func run(_ lookup: CredentialLookup, probe: ECSMetadataProbeResult?, now: Date) -> [PreflightCheck] {
        [found(lookup, probe: probe)] + credentialChecks(lookup, now: now)
    }

    // MARK: credentials.found

    static func sourceLines(_ resolution: CredentialResolution?, probe: ECSMetadataProbeResult?) -> [String] {
        var lines: [String] = []
        for (index, report) in (resolution?.sources ?? []).enumerated() {
            var line = "\(index + 1). \(report.source)"
            if let location = report.location { line += " (\(location))" }
            line += ": \(report.outcome)"
            if report.source == .ecsRamRole, let probe { line += "; probe: \(probe)" }
            lines.append(line)
            for warning in report.warnings {
                lines.append("   warning [\(warning.code)]: \(warning.message)")
            }
        }
        if resolution == nil, let probe { lines.append("ECS instance RAM role probe: \(probe)") }
        return lines
    }

    static func found(_ lookup: CredentialLookup, probe: ECSMetadataProbeResult?) -> PreflightCheck {
        let title = "Credentials found"
        switch lookup {
        case .resolved(let resolved):
            let report = resolved.source.flatMap { resolved.resolution.report(for: $0) }
            var where_ = resolved.source.map { "\($0)" } ?? "the chain"
            if let location = report?.location { where_ += " (\(location))" }
            let provider = resolved.resolution.providerName.map { ", provider \($0)" } ?? ""
            return PreflightCheck(
                id: PreflightCheckID.credentialsFound, title: title, severity: .blocking, status: .pass,
                message: "Using the \(resolved.credential.kind) credential \(resolved.credential.maskedAccessKeyId) from \(where_)\(provider);"
                    + " the sources before it were skipped for the reasons listed.",
                details: sourceLines(resolved.resolution, probe: probe))
        case .provided(let credential, let note, let resolution):
            return PreflightCheck(
                id: PreflightCheckID.credentialsFound, title: title, severity: .blocking, status: .pass,
                message: "Using the \(credential.kind) credential \(credential.maskedAccessKeyId): \(note)",
                details: sourceLines(resolution, probe: probe))
        case .failed(let error):
            let message: String
            if error.code == .networkCallRequired {
                let source = error.source.map { "\($0)" } ?? "A credential source"
                message = "\(source) is configured, but its credentials can only be had with a network call (STS,"
                    + " instance metadata or a credentials URI) that ramguard does not make; the chain stops there, as"
                    + " using a lower-priority identity instead would check the wrong permissions."
            } else {
                message = "No credentials were found in any of the places the official SDKs look."
            }
            return PreflightCheck(
                id: PreflightCheckID.credentialsFound, title: title, severity: .blocking, status: .fail,
                message: message, remedy: remedyConfigure, details: sourceLines(error.resolution, probe: probe))
        }
    }

    // MARK: The credential itself

    static func credentialChecks(_ lookup: CredentialLookup, now: Date) -> [PreflightCheck] {
        guard let credential = lookup.credential else {
            let incomplete = failedResolution(lookup)?.sources.compactMap { report -> String? in
                guard case .incomplete = report.outcome else { return nil }
                return "\(report.source): \(report.outcome.detail)"
            } ?? []
            let complete: PreflightCheck
            if incomplete.isEmpty {
                complete = undecided(PreflightCheckID.credentialsComplete, "Credentials complete")
            } else {
                complete = PreflightCheck(
                    id: PreflightCheckID.credentialsComplete, title: "Credentials complete", severity: .blocking, status: .fail,
                    message: "A credential source is configured but incomplete: " + incomplete.joined(separator: "; "),
                    remedy: "Supply the missing values (an AccessKey ID needs its secret; an STS key also its token).",
                    details: incomplete)
            }
            return [
                complete,
                undecided(PreflightCheckID.credentialsWellFormed, "Credentials well-formed"),
                undecided(PreflightCheckID.credentialsSecurityToken, "STS token present"),
                undecided(PreflightCheckID.credentialsNotExpired, "Credentials not expired"),
            ]
        }
        return [complete(credential), wellFormed(credential), securityToken(credential), notExpired(credential, now: now)]
    }

    static func failedResolution(_ lookup: CredentialLookup) -> CredentialResolution? {
        if case .failed(let error) = lookup { return error.resolution }
        return nil
    }

    static func undecided(_ id: String, _ title: String) -> PreflightCheck {
        PreflightCheck(id: id, title: title, severity: .blocking, status: .undecided,
                       message: "There is no credential to check (see \(PreflightCheckID.credentialsFound)).",
                       remedy: remedyConfigure)
    }

    static func complete(_ credential: Credential) -> PreflightCheck {
        var missing: [String] = []
        if credential.accessKeyId.isEmpty { missing.append("the AccessKey ID") }
        if credential.accessKeySecret.isEmpty { missing.append("the AccessKey secret") }
        if missing.isEmpty {
            return PreflightCheck(id: PreflightCheckID.credentialsComplete, title: "Credentials complete", severity: .blocking,
                                  status: .pass, message: "The AccessKey ID and its secret are both present.")
        }
        return PreflightCheck(id: PreflightCheckID.credentialsComplete, title: "Credentials complete", severity: .blocking,
                              status: .fail, message: "The credential lacks \(missing.joined(separator: " and ")).",
                              remedy: "Supply both the AccessKey ID and the AccessKey secret.")
    }

    static func wellFormed(_ credential: Credential) -> PreflightCheck {
        let title = "Credentials well-formed"
        let warnings = AccessKeyFormat.warnings(for: credential).filter { $0.code == "whitespace-in-credential" }
        if !warnings.isEmpty {
            return PreflightCheck(
                id: PreflightCheckID.credentialsWellFormed, title: title, severity: .blocking, status: .fail,
                message: warnings.map(\.message).joined(separator: "; "),
                remedy: "Remove the stray whitespace (often a newline pasted with the value) from the credential.")
        }
        switch AccessKeyFormat.classify(credential.accessKeyId) {
        case .longTerm:
            return PreflightCheck(id: PreflightCheckID.credentialsWellFormed, title: title, severity: .blocking, status: .pass,
                                  message: "\(credential.maskedAccessKeyId) has the shape of a long-term RAM AccessKey (LTAI…).")
        case .temporary:
            return PreflightCheck(id: PreflightCheckID.credentialsWellFormed, title: title, severity: .blocking, status: .pass,
                                  message: "\(credential.maskedAccessKeyId) has the shape of a temporary STS AccessKey (STS.…).")
        case .unrecognized:
            return PreflightCheck(
                id: PreflightCheckID.credentialsWellFormed, title: title, severity: .blocking, status: .warn,
                message: "\(credential.maskedAccessKeyId) starts with neither LTAI nor STS.; older keys may look like this, so it is accepted.",
                remedy: "Check that this is the AccessKey ID (not the secret or an account ID); current keys start with LTAI.")
        }
    }

    static func securityToken(_ credential: Credential) -> PreflightCheck {
        let title = "STS token present"
        let format = AccessKeyFormat.classify(credential.accessKeyId)
        switch (format, credential.securityToken) {
        case (.temporary, nil):
            return PreflightCheck(
                id: PreflightCheckID.credentialsSecurityToken, title: title, severity: .blocking, status: .fail,
                message: "\(credential.maskedAccessKeyId) is a temporary STS key but no security token came with it; the gateway would answer MissingSecurityToken.",
                remedy: "Supply the token issued with the key (ALIBABA_CLOUD_SECURITY_TOKEN, or sts_token in a StsToken profile).")
        case (.temporary, .some):
            return PreflightCheck(id: PreflightCheckID.credentialsSecurityToken, title: title, severity: .blocking, status: .pass,
                                  message: "The STS key comes with its security token (sent as x-acs-security-token / SecurityToken).")
        case (.longTerm, .some):
            return PreflightCheck(
                id: PreflightCheckID.credentialsSecurityToken, title: title, severity: .blocking, status: .fail,
                message: "A security token was given with the long-term key \(credential.maskedAccessKeyId); the gateway rejects the pair (InvalidSecurityToken.MismatchWithAccessKey).",
                remedy: "Drop the token, or use the STS. key it was issued with.")
        case (.unrecognized, .some):
            return PreflightCheck(
                id: PreflightCheckID.credentialsSecurityToken, title: title, severity: .blocking, status: .warn,
                message: "A security token was given with \(credential.maskedAccessKeyId), which does not start with STS.; temporary keys normally do.",
                remedy: "Check that the key and the token belong together.")
        case (_, nil):
            return PreflightCheck(id: PreflightCheckID.credentialsSecurityToken, title: title, severity: .blocking, status: .pass,
                                  message: "A long-term key needs no security token, and none was given.")
        }
    }

    static func notExpired(_ credential: Credential, now: Date) -> PreflightCheck {
        let title = "Credentials not expired"
        guard credential.securityToken != nil else {
            return PreflightCheck(id: PreflightCheckID.credentialsNotExpired, title: title, severity: .blocking, status: .pass,
                                  message: "Long-term AccessKeys do not expire (they can still be disabled, which only the service can tell).")
        }
        guard let expiration = credential.expiration else {
            return PreflightCheck(
                id: PreflightCheckID.credentialsNotExpired, title: title, severity: .blocking, status: .undecided,
                message: "The source gives no expiry for this STS token, so whether it is still valid cannot be decided offline; an expired token is answered InvalidSecurityToken.Expired.",
                remedy: "If the call fails with InvalidSecurityToken.Expired, get fresh STS credentials.")
        }
        let stamp = SigningTimestamp.string(from: expiration)
        if expiration <= now {
            return PreflightCheck(
                id: PreflightCheckID.credentialsNotExpired, title: title, severity: .blocking, status: .fail,
                message: "The STS credentials expired at \(stamp); the gateway would answer InvalidSecurityToken.Expired.",
                remedy: "Get new STS credentials (AssumeRole again) and retry.")
        }
        let minutes = Int(expiration.timeIntervalSince(now) / 60)
        if credential.needsRefresh(at: now) {
            return PreflightCheck(
                id: PreflightCheckID.credentialsNotExpired, title: title, severity: .blocking, status: .warn,
                message: "The STS credentials expire at \(stamp), in \(minutes) minute\(minutes == 1 ? "" : "s"); the SDKs refresh 15 minutes before expiry.",
                remedy: "Refresh the credentials before long-running work.")
        }
        return PreflightCheck(id: PreflightCheckID.credentialsNotExpired, title: title, severity: .blocking, status: .pass,
                              message: "The STS credentials are valid until \(stamp).")
    }
}
