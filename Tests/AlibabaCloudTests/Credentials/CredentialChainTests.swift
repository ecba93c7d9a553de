import AlibabaCloud
import Foundation
import Testing

/// The provider chain against temporary home directories and injected environments; the real home and
/// environment are never read.
@Suite("Credential provider chain")
struct CredentialChainTests {
    static let id = "LTAI-NOT-A-REAL-KEY-Id"
    static let secret = "ExampleAccessKeySecret01234567"
    static let stsId = "STS.NUExampleTemporaryAccessKey01"
    static let stsSecret = "ExampleTemporarySecret+/=0123456789abcd"
    static let token = "CAIS8AF1q6Ft5B2yfSjIr5bExample+Token/With==Padding"
    static let now = Date(timeIntervalSince1970: 1_736_929_800)  // 2025-01-15T08:30:00Z

    static let envKeys = [
        "ALIBABA_CLOUD_ACCESS_KEY_ID": id,
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET": secret,
    ]

    static func configJSON(current: String = "default", profiles: String) -> String {
        """
        {
          "current": "\(current)",
          "profiles": [
        \(profiles)
          ],
          "meta_path": ""
        }
        """
    }

    static func akProfile(_ name: String, id: String = "LTAI-FAKE-ConfigJsonKeyId0001", secret: String = "ConfigJsonSecret0123456789abcd") -> String {
        """
            {
              "name": "\(name)",
              "mode": "AK",
              "access_key_id": "\(id)",
              "access_key_secret": "\(secret)",
              "region_id": "cn-shanghai"
            }
        """
    }

    static let ini = """
        [default]
        type = access_key                  # the comment is dropped, as in the Python SDK
        access_key_id = LTAI-FAKE-IniFileKeyId000001
        access_key_secret = IniFileSecret0123456789abcdefg

        [project1]
        type = ecs_ram_role
        role_name = EcsRamRoleTest

        [project2]
        type = access_key
        access_key_id = LTAI-FAKE-IniProject2KeyId01
        access_key_secret = IniProject2Secret0123456789ab
        """

    func chain(_ home: TemporaryHome, _ environment: [String: String] = [:], profile: String? = nil, continuing: Bool = false) -> CredentialProviderChain {
        CredentialProviderChain(
            environment: environment,
            homeDirectory: home.path,
            profileName: profile,
            continuesPastNetworkSources: continuing
        )
    }

    func outcomes(_ resolution: CredentialResolution) -> [String] {
        resolution.sources.map(\.outcome.status)
    }

    // MARK: - Order and precedence

    @Test func reportsEverySourceInSDKOrder() throws {
        let home = try TemporaryHome()
        let resolution = chain(home).resolution(now: Self.now)
        #expect(resolution.sources.map(\.source) == [.environment, .oidcRoleArn, .cliProfile, .credentialsFile, .ecsRamRole, .credentialsURI])
        #expect(outcomes(resolution) == ["not-configured", "not-configured", "not-configured", "not-configured", "not-attempted", "not-configured"])
        #expect(resolution.winner == nil)

        let error = #expect(throws: CredentialChainError.self) { try chain(home).resolve(now: Self.now) }
        #expect(error?.code == .noCredentials)
        #expect(error?.resolution.sources.count == 6)
        #expect(error?.description.contains("ALIBABA_CLOUD_ACCESS_KEY_ID") == true)
    }

    @Test func precedenceIsEnvironmentThenConfigJSONThenINI() throws {
        let home = try TemporaryHome()
        try home.write(".aliyun/config.json", Self.configJSON(profiles: Self.akProfile("default")))
        try home.write(".alibabacloud/credentials.ini", Self.ini)

        let fromEnv = try chain(home, Self.envKeys).resolve(now: Self.now)
        #expect(fromEnv.source == .environment)
        #expect(fromEnv.credential.accessKeyId == Self.id)
        #expect(fromEnv.credential.accessKeySecret == Self.secret)
        #expect(fromEnv.resolution.providerName == "default/env")
        #expect(outcomes(fromEnv.resolution) == ["used", "not-consulted", "not-consulted", "not-consulted", "not-consulted", "not-consulted"])

        let fromConfig = try chain(home).resolve(now: Self.now)
        #expect(fromConfig.source == .cliProfile)
        #expect(fromConfig.credential.accessKeyId == "LTAI-FAKE-ConfigJsonKeyId0001")
        #expect(fromConfig.resolution.providerName == "default/cli_profile/static_ak")

        let fromINI = try chain(home, ["ALIBABA_CLOUD_CLI_PROFILE_DISABLED": "TRUE"]).resolve(now: Self.now)
        #expect(fromINI.source == .credentialsFile)
        #expect(fromINI.credential.accessKeyId == "LTAI-FAKE-IniFileKeyId000001")
        #expect(fromINI.credential.accessKeySecret == "IniFileSecret0123456789abcdefg")
        #expect(fromINI.resolution.providerName == "default/profile/static_ak")
        #expect(fromINI.resolution.report(for: .cliProfile)?.outcome == .disabled("ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true"))
    }

    @Test func homeDefaultsToTheInjectedHOME() throws {
        let home = try TemporaryHome()
        try home.write(".aliyun/config.json", Self.configJSON(profiles: Self.akProfile("default")))
        let resolved = try CredentialProviderChain(environment: ["HOME": home.path]).resolve(now: Self.now)
        #expect(resolved.source == .cliProfile)
    }

    // MARK: - Environment

    @Test func environmentWithSecurityTokenIsSTS() throws {
        let home = try TemporaryHome()
        let environment = [
            "ALIBABA_CLOUD_ACCESS_KEY_ID": Self.stsId,
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET": Self.stsSecret,
            "ALIBABA_CLOUD_SECURITY_TOKEN": Self.token,
        ]
        let resolved = try chain(home, environment).resolve(now: Self.now)
        #expect(resolved.credential.kind == .sts)
        #expect(resolved.credential.securityToken == Self.token)
        #expect(resolved.resolution.warnings.isEmpty)
    }

    @Test func incompleteEnvironmentSaysWhatIsMissingAndFallsThrough() throws {
        let home = try TemporaryHome()
        try home.write(".alibabacloud/credentials.ini", Self.ini)
        let resolved = try chain(home, ["ALIBABA_CLOUD_ACCESS_KEY_ID": Self.id, "ALIBABA_CLOUD_ACCESS_KEY_SECRET": ""]).resolve(now: Self.now)
        #expect(resolved.source == .credentialsFile)
        guard case .incomplete(let missing, _) = resolved.resolution.report(for: .environment)?.outcome else {
            Issue.record("expected incomplete")
            return
        }
        #expect(missing == ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"])

        let secretOnly = chain(home, ["ALIBABA_CLOUD_ACCESS_KEY_SECRET": Self.secret]).resolution(now: Self.now)
        guard case .incomplete(let missingId, _) = secretOnly.report(for: .environment)?.outcome else {
            Issue.record("expected incomplete")
            return
        }
        #expect(missingId == ["ALIBABA_CLOUD_ACCESS_KEY_ID"])
    }

    @Test func legacyVariablesAreReportedNotUsed() throws {
        let home = try TemporaryHome()
        let resolution = chain(home, ["ALIYUN_ACCESS_KEY_ID": Self.id, "ALIYUN_ACCESS_KEY_SECRET": Self.secret]).resolution(now: Self.now)
        #expect(resolution.winner == nil)
        #expect(resolution.report(for: .environment)?.warnings.map(\.code) == ["legacy-environment-variables"])
    }

    @Test func stsKeyWithoutTokenWarns() throws {
        let home = try TemporaryHome()
        let resolved = try chain(home, ["ALIBABA_CLOUD_ACCESS_KEY_ID": Self.stsId, "ALIBABA_CLOUD_ACCESS_KEY_SECRET": Self.stsSecret]).resolve(now: Self.now)
        #expect(resolved.credential.kind == .longTerm)
        #expect(resolved.resolution.warnings.map(\.code) == ["sts-key-without-token"])
    }

    // MARK: - OIDC

    @Test func oidcStopsTheChainUnlessAskedToContinue() throws {
        let home = try TemporaryHome()
        let tokenFile = try home.write("oidc/token", "eyJhbGciOi.example.jwt")
        try home.write(".aliyun/config.json", Self.configJSON(profiles: Self.akProfile("default")))
        let environment = [
            "ALIBABA_CLOUD_ROLE_ARN": "acs:ram::123456789012:role/app",
            "ALIBABA_CLOUD_OIDC_PROVIDER_ARN": "acs:ram::123456789012:oidc-provider/ack",
            "ALIBABA_CLOUD_OIDC_TOKEN_FILE": tokenFile,
        ]
        let error = #expect(throws: CredentialChainError.self) { try chain(home, environment).resolve(now: Self.now) }
        #expect(error?.code == .networkCallRequired)
        #expect(error?.source == .oidcRoleArn)
        #expect(error.map { outcomes($0.resolution) } == ["not-configured", "needs-network-call", "not-consulted", "not-consulted", "not-consulted", "not-consulted"])
        #expect(error?.resolution.report(for: .oidcRoleArn)?.warnings.isEmpty == true)

        let continued = try chain(home, environment, continuing: true).resolve(now: Self.now)
        #expect(continued.source == .cliProfile)
        #expect(continued.resolution.report(for: .oidcRoleArn)?.outcome.status == "needs-network-call")
    }

    @Test func partialOIDCIsIncomplete() throws {
        let home = try TemporaryHome()
        let resolution = chain(home, ["ALIBABA_CLOUD_OIDC_PROVIDER_ARN": "acs:ram::1:oidc-provider/x"]).resolution(now: Self.now)
        guard case .incomplete(let missing, _) = resolution.report(for: .oidcRoleArn)?.outcome else {
            Issue.record("expected incomplete")
            return
        }
        #expect(missing == ["ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE"])
        // A role ARN alone is not OIDC.
        let roleOnly = chain(home, ["ALIBABA_CLOUD_ROLE_ARN": "acs:ram::1:role/x"]).resolution(now: Self.now)
        #expect(roleOnly.report(for: .oidcRoleArn)?.outcome.status == "not-configured")
    }

    // MARK: - config.json

    @Test func stsTokenProfileWithExpiry() throws {
        let home = try TemporaryHome()
        try home.write(".aliyun/config.json", Self.configJSON(current: "temp", profiles: """
                {
                  "name": "temp",
                  "mode": "StsToken",
                  "access_key_id": "\(Self.stsId)",
                  "access_key_secret": "\(Self.stsSecret)",
                  "sts_token": "\(Self.token)",
                  "sts_expiration": 1736933400
                }
            """))
        let resolved = try chain(home).resolve(now: Self.now)
        #expect(resolved.credential.kind == .sts)
        #expect(resolved.credential.securityToken == Self.token)
        #expect(resolved.credential.expiration == Date(timeIntervalSince1970: 1_736_933_400))
        #expect(resolved.credential.needsRefresh(at: Self.now, margin: 3600))
        #expect(!resolved.credential.isExpired(at: Self.now))
        #expect(resolved.resolution.providerName == "default/cli_profile/static_sts")
        #expect(resolved.resolution.warnings.isEmpty)

        let later = try chain(home).resolve(now: Self.now.addingTimeInterval(7200))
        #expect(later.resolution.warnings.map(\.code) == ["credential-expired"])
    }

    @Test func profileSelection() throws {
        let home = try TemporaryHome()
        try home.write(".aliyun/config.json", Self.configJSON(current: "a", profiles: [
            Self.akProfile("a", id: "LTAI-FAKE-ProfileAKeyId00001"),
            Self.akProfile("b", id: "LTAI-FAKE-ProfileBKeyId00001"),
            Self.akProfile("c", id: "LTAI-FAKE-ProfileCKeyId00001"),
        ].joined(separator: ",\n")))
        #expect(try chain(home).resolve(now: Self.now).credential.accessKeyId == "LTAI-FAKE-ProfileAKeyId00001")
        let fromEnv = try chain(home, ["ALIBABA_CLOUD_PROFILE": "b"]).resolve(now: Self.now)
        #expect(fromEnv.credential.accessKeyId == "LTAI-FAKE-ProfileBKeyId00001")
        #expect(fromEnv.resolution.report(for: .cliProfile)?.location?.contains("from ALIBABA_CLOUD_PROFILE") == true)
        let explicit = try chain(home, ["ALIBABA_CLOUD_PROFILE": "b"], profile: "c").resolve(now: Self.now)
        #expect(explicit.credential.accessKeyId == "LTAI-FAKE-ProfileCKeyId00001")

        let missing = chain(home, profile: "nope").resolution(now: Self.now)
        let report = try #require(missing.report(for: .cliProfile))
        #expect(report.outcome.status == "not-configured")
        #expect(report.outcome.detail.contains("\"a\", \"b\", \"c\""))
    }

    @Test func explicitProfileAlsoSelectsTheINISection() throws {
        let home = try TemporaryHome()
        try home.write(".alibabacloud/credentials.ini", Self.ini)
        let resolved = try chain(home, profile: "project2").resolve(now: Self.now)
        #expect(resolved.credential.accessKeyId == "LTAI-FAKE-IniProject2KeyId01")
        let viaEnv = try chain(home, ["ALIBABA_CLOUD_PROFILE": "project2"]).resolve(now: Self.now)
        #expect(viaEnv.credential.accessKeyId == "LTAI-FAKE-IniProject2KeyId01")
    }

    @Test func networkModesAreRecognised() throws {
        let home = try TemporaryHome()
        for mode in ["RamRoleArn", "EcsRamRole", "OIDC", "ChainableRamRoleArn", "CloudSSO", "OAuth", "External"] {
            try home.write(".aliyun/config.json", Self.configJSON(profiles: """
                    { "name": "default", "mode": "\(mode)", "access_key_id": "\(Self.id)", "access_key_secret": "\(Self.secret)",
                      "ram_role_arn": "acs:ram::1:role/x", "ram_session_name": "s" }
                """))
            try home.write(".alibabacloud/credentials.ini", Self.ini)
            let error = #expect(throws: CredentialChainError.self) { try chain(home).resolve(now: Self.now) }
            #expect(error?.code == .networkCallRequired, "\(mode)")
            #expect(error?.source == .cliProfile)
            #expect(error?.resolution.report(for: .cliProfile)?.outcome.detail.contains(mode) == true)
            #expect(error?.resolution.report(for: .credentialsFile)?.outcome == .notConsulted)
        }
    }

    @Test func cliOnlyAndUnknownModesAreUnsupportedAndSkipped() throws {
        let home = try TemporaryHome()
        try home.write(".alibabacloud/credentials.ini", Self.ini)
        for mode in ["BearerToken", "Anonymous", "Bogus"] {
            try home.write(".aliyun/config.json", Self.configJSON(profiles: "    { \"name\": \"default\", \"mode\": \"\(mode)\" }"))
            let resolved = try chain(home).resolve(now: Self.now)
            #expect(resolved.source == .credentialsFile)
            #expect(resolved.resolution.report(for: .cliProfile)?.outcome.status == "unsupported")
        }
    }

    @Test func incompleteAKProfileNamesTheMissingFields() throws {
        let home = try TemporaryHome()
        try home.write(".aliyun/config.json", Self.configJSON(profiles: """
                { "name": "default", "mode": "StsToken", "access_key_id": "\(Self.stsId)", "access_key_secret": "" }
            """))
        let resolution = chain(home).resolution(now: Self.now)
        guard case .incomplete(let missing, let detail) = resolution.report(for: .cliProfile)?.outcome else {
            Issue.record("expected incomplete")
            return
        }
        #expect(missing == ["access_key_secret", "sts_token"])
        #expect(detail.contains("config.json:4"))
    }

    @Test func brokenJSONIsMalformedWithItsLine() throws {
        let home = try TemporaryHome()
        let path = try home.write(".aliyun/config.json", """
            {
              "current": "default",
              "profiles": [
                { "name": "default", "mode": "AK", },
              ]
            }
            """)
        try home.write(".alibabacloud/credentials.ini", Self.ini)
        let resolved = try chain(home).resolve(now: Self.now)
        #expect(resolved.source == .credentialsFile)
        guard case .malformed(let issue) = resolved.resolution.report(for: .cliProfile)?.outcome else {
            Issue.record("expected malformed")
            return
        }
        #expect(issue.path == path)
        #expect(issue.line == 4)
        #expect(issue.description.hasPrefix("\(path):4:"))
    }

    @Test func wrongFieldTypeIsMalformedWithFieldAndLine() throws {
        let home = try TemporaryHome()
        try home.write(".aliyun/config.json", """
            {
              "current": "default",
              "profiles": [
                {
                  "name": "default",
                  "mode": "AK",
                  "access_key_id": 12345,
                  "access_key_secret": "\(Self.secret)"
                }
              ]
            }
            """)
        let resolution = chain(home).resolution(now: Self.now)
        guard case .malformed(let issue) = resolution.report(for: .cliProfile)?.outcome else {
            Issue.record("expected malformed")
            return
        }
        #expect(issue.line == 7)
        #expect(issue.field == "profiles[0].access_key_id")
        #expect(issue.message.contains("a number"))

        try home.write(".aliyun/config.json", "[1, 2]")
        guard case .malformed(let topLevel) = chain(home).resolution(now: Self.now).report(for: .cliProfile)?.outcome else {
            Issue.record("expected malformed")
            return
        }
        #expect(topLevel.line == 1)
    }

    @Test func configFileCanBeOverriddenAndUnreadableIsReported() throws {
        let home = try TemporaryHome()
        let elsewhere = try home.write("elsewhere/cli.json", Self.configJSON(profiles: Self.akProfile("default")))
        let resolved = try chain(home, ["ALIBABA_CLOUD_CONFIG_FILE": elsewhere]).resolve(now: Self.now)
        #expect(resolved.source == .cliProfile)
        #expect(resolved.resolution.report(for: .cliProfile)?.location?.hasPrefix(elsewhere) == true)

        try home.makeDirectory(".aliyun/config.json")
        let resolution = chain(home).resolution(now: Self.now)
        #expect(resolution.report(for: .cliProfile)?.outcome.status == "unreadable")
    }

    // MARK: - INI

    @Test func bothINISpellingsAreFound() throws {
        let goStyle = try TemporaryHome()
        try goStyle.write(".alibabacloud/credentials", Self.ini)
        let fromPlain = try chain(goStyle).resolve(now: Self.now)
        #expect(fromPlain.credential.accessKeyId == "LTAI-FAKE-IniFileKeyId000001")
        #expect(fromPlain.resolution.report(for: .credentialsFile)?.location?.hasSuffix("/.alibabacloud/credentials, section [default] (the default)") == true)

        let both = try TemporaryHome()
        try both.write(".alibabacloud/credentials.ini", Self.ini)
        try both.write(".alibabacloud/credentials", "[default]\ntype = access_key\naccess_key_id = LTAI-FAKE-OtherFile\naccess_key_secret = other\n")
        let fromINI = try chain(both).resolve(now: Self.now)
        #expect(fromINI.credential.accessKeyId == "LTAI-FAKE-IniFileKeyId000001")
        #expect(fromINI.resolution.warnings.map(\.code) == ["two-credentials-files"])
    }

    @Test func credentialsFileVariableOverridesTheDefaultPaths() throws {
        let home = try TemporaryHome()
        try home.write(".alibabacloud/credentials.ini", "[default]\ntype = access_key\naccess_key_id = LTAI-FAKE-DefaultPathKey\naccess_key_secret = s\n")
        let custom = try home.write("custom/creds.ini", Self.ini)
        let resolved = try chain(home, ["ALIBABA_CLOUD_CREDENTIALS_FILE": custom]).resolve(now: Self.now)
        #expect(resolved.credential.accessKeyId == "LTAI-FAKE-IniFileKeyId000001")

        let missing = chain(home, ["ALIBABA_CLOUD_CREDENTIALS_FILE": home.path + "/nope.ini"]).resolution(now: Self.now)
        #expect(missing.report(for: .credentialsFile)?.outcome.status == "unreadable")
    }

    @Test(arguments: [
        ("[default]\ntype = access_key\nthis line is wrong\n", 3, "expected 'key = value'"),
        ("# comment\naccess_key_id = x\n[default]\n", 2, "before any [section]"),
        ("[default]\ntype = access_key\ntype = access_key\n", 3, "set twice"),
        ("[default]\n[other]\n\n[default]\n", 4, "repeated"),
        ("[default\ntype = access_key\n", 1, "must end with ']'"),
        ("[default]\r\ntype = access_key\r\n= value\r\n", 3, "key before '=' is empty"),
    ])
    func badINILinesAreMalformedWithTheirLine(_ text: String, _ line: Int, _ message: String) throws {
        let home = try TemporaryHome()
        let path = try home.write(".alibabacloud/credentials.ini", text)
        let resolution = chain(home).resolution(now: Self.now)
        guard case .malformed(let issue) = resolution.report(for: .credentialsFile)?.outcome else {
            Issue.record("expected malformed, got \(String(describing: resolution.report(for: .credentialsFile)))")
            return
        }
        #expect(issue.path == path)
        #expect(issue.line == line)
        #expect(issue.message.contains(message))
    }

    @Test func iniDetails() throws {
        let home = try TemporaryHome()
        try home.write(".alibabacloud/credentials.ini", """
            ; a comment\r
            [default]\r
            Type: access_key\r
            access_key_id =   LTAI-FAKE-CRLFKeyId00000001   # trailing comment\r
            access_key_secret = CrlfSecret0123456789abcdefghij\r
            enable = false\r
            """)
        let resolved = try chain(home).resolve(now: Self.now)
        #expect(resolved.credential.accessKeyId == "LTAI-FAKE-CRLFKeyId00000001")
        #expect(resolved.credential.accessKeySecret == "CrlfSecret0123456789abcdefghij")
        #expect(resolved.resolution.warnings.map(\.code) == ["section-disabled-for-java"])
    }

    @Test func iniTypes() throws {
        let home = try TemporaryHome()
        try home.write(".alibabacloud/credentials.ini", Self.ini + "\n[broken]\ntype = something\n[untyped]\naccess_key_id = x\n[partial]\ntype = access_key\naccess_key_id = LTAI-FAKE-Partial\n")
        let ecs = #expect(throws: CredentialChainError.self) { try chain(home, profile: "project1").resolve(now: Self.now) }
        #expect(ecs?.source == .credentialsFile)

        guard case .malformed(let issue) = chain(home, profile: "broken").resolution(now: Self.now).report(for: .credentialsFile)?.outcome else {
            Issue.record("expected malformed")
            return
        }
        #expect(issue.field == "type")
        #expect(issue.line == 15)

        guard case .incomplete(let missingType, _) = chain(home, profile: "untyped").resolution(now: Self.now).report(for: .credentialsFile)?.outcome else {
            Issue.record("expected incomplete")
            return
        }
        #expect(missingType == ["type"])

        guard case .incomplete(let missingSecret, _) = chain(home, profile: "partial").resolution(now: Self.now).report(for: .credentialsFile)?.outcome else {
            Issue.record("expected incomplete")
            return
        }
        #expect(missingSecret == ["access_key_secret"])

        let absent = chain(home, profile: "absent").resolution(now: Self.now).report(for: .credentialsFile)
        #expect(absent?.outcome.status == "not-configured")
        #expect(absent?.outcome.detail.contains("[project1]") == true)
    }

    // MARK: - ECS and URI

    @Test func ecsMetadataIsNeverContacted() throws {
        let home = try TemporaryHome()
        #expect(chain(home).resolution(now: Self.now).report(for: .ecsRamRole)?.outcome.status == "not-attempted")
        #expect(chain(home, ["ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true"]).resolution(now: Self.now).report(for: .ecsRamRole)?.outcome
            == .disabled("ALIBABA_CLOUD_ECS_METADATA_DISABLED=true"))
        let role = #expect(throws: CredentialChainError.self) {
            try chain(home, ["ALIBABA_CLOUD_ECS_METADATA": "MyRole"]).resolve(now: Self.now)
        }
        #expect(role?.source == .ecsRamRole)
        #expect(role?.resolution.report(for: .credentialsURI)?.outcome == .notConsulted)
    }

    @Test func credentialsURIIsRecognisedWithoutShowingItsQuery() throws {
        let home = try TemporaryHome()
        let error = #expect(throws: CredentialChainError.self) {
            try chain(home, ["ALIBABA_CLOUD_CREDENTIALS_URI": "http://user:pass@localhost:8080/creds?token=abc"]).resolve(now: Self.now)
        }
        #expect(error?.source == .credentialsURI)
        let text = error?.description ?? ""
        #expect(text.contains("localhost:8080/creds"))
        #expect(!text.contains("token=abc"))
        #expect(!text.contains("pass"))
    }

    @Test func inMemoryReader() throws {
        let reader = CredentialFileReader.inMemory([
            "/home/u/.aliyun/config.json": Self.configJSON(profiles: Self.akProfile("default")),
        ])
        let resolved = try CredentialProviderChain(environment: [:], homeDirectory: "/home/u/", fileReader: reader).resolve(now: Self.now)
        #expect(resolved.resolution.report(for: .cliProfile)?.location?.hasPrefix("/home/u/.aliyun/config.json") == true)
    }
}
