import AlibabaCloud
import Foundation
import Testing
import VOD
import VODEmulator

/// RAM decisions with ramguard's engine, and denials shaped like Alibaba's (403 `Forbidden.RAM` with
/// `AccessDeniedDetail`).
@Suite struct AuthorizationTests {
    @Test func anImplicitDenyIsForbiddenWithDetail() async throws {
        let harness = try await Harness.start(try Harness.configuration(policies: [Policies.allowOtherAction]))
        let response = try await harness.response(harness.signed())
        #expect(response.status == 403)
        let error = try response.errorBody()
        #expect(error.code == "Forbidden.RAM")
        #expect(error.message == "User not authorized to operate on the specified resource, or this API doesn't support RAM.")
        let detail = try #require(error.accessDeniedDetail)
        #expect(detail.policyType == "AccountLevelIdentityBasedPolicy")
        #expect(detail.noPermissionType == "ImplicitDeny")
        #expect(detail.authAction == "vod:SubmitWorkflowJob")
        #expect(detail.authPrincipalType == "SubUser")
        #expect(detail.authPrincipalOwnerId == EmulatorIdentity.defaultAccountId)
        #expect(detail.authPrincipalDisplayName?.count == 16)
        let encoded = try #require(detail.encodedDiagnosticMessage)
        let diagnostic = try #require(DiagnosticMessage.decode(encoded))
        #expect(diagnostic.explicitDeny == false)
        #expect(diagnostic.authResource == "*")
        #expect(diagnostic.matchedPolicies.isEmpty)
        #expect(await harness.emulator.jobs().isEmpty)
        await harness.stop()
    }

    @Test func anExplicitDenyNamesThePolicy() async throws {
        let harness = try await Harness.start(try Harness.configuration(policies: [Policies.allowAll, Policies.denySubmit]))
        let response = try await harness.response(harness.signed(scheme: .rpcV1))
        #expect(response.status == 403)
        let detail = try #require(try response.errorBody().accessDeniedDetail)
        #expect(detail.policyType == "AccountLevelIdentityBasedPolicy")
        #expect(detail.noPermissionType == "ExplicitDeny")
        let diagnostic = try #require(DiagnosticMessage.decode(detail.encodedDiagnosticMessage ?? ""))
        #expect(diagnostic.explicitDeny)
        #expect(diagnostic.matchedPolicies.map(\.policyIdentifier) == ["policy1.json"])
        #expect(diagnostic.matchedPolicies.first?.effect == "Deny")
        await harness.stop()
    }

    @Test func aSessionPolicyDenialSaysSessionPolicy() async throws {
        let harness = try await Harness.start(try Harness.configuration(
            credential: TestKeys.sts, policies: [Policies.allowAll], sessionPolicy: Policies.allowOtherAction))
        let response = try await harness.response(harness.signed(credential: TestKeys.sts))
        #expect(response.status == 403)
        let detail = try #require(try response.errorBody().accessDeniedDetail)
        #expect(detail.policyType == "SessionPolicy")
        #expect(detail.noPermissionType == "ImplicitDeny")
        #expect(detail.authPrincipalType == "AssumedRoleUser")
        #expect(detail.authPrincipalDisplayName == "EmulatorRole:EmulatorSession")
        await harness.stop()
    }

    @Test func aSessionPolicyThatAllowsLetsTheRoleThrough() async throws {
        let harness = try await Harness.start(try Harness.configuration(
            credential: TestKeys.sts, policies: [Policies.allowAll], sessionPolicy: Policies.allowSubmit))
        #expect(try await harness.response(harness.signed(credential: TestKeys.sts)).status == 200)
        await harness.stop()
    }

    @Test func theContextCarriesTheLoopbackSourceIp() async throws {
        let allowed = try await Harness.start(try Harness.configuration(policies: [Policies.allowFromLoopback]))
        #expect(try await allowed.response(allowed.signed()).status == 200)
        await allowed.stop()

        let denied = try await Harness.start(try Harness.configuration(policies: [Policies.allowFromOffice]))
        let response = try await denied.response(denied.signed())
        #expect(response.status == 403)
        let detail = try #require(try response.errorBody().accessDeniedDetail)
        let diagnostic = try #require(DiagnosticMessage.decode(detail.encodedDiagnosticMessage ?? ""))
        let conditions = Dictionary(uniqueKeysWithValues: diagnostic.authConditions.map { ($0.conditionKey, $0.conditionValues) })
        #expect(conditions["acs:SourceIp"] == ["127.0.0.1"])
        #expect(conditions["acs:SecureTransport"] == ["false"])
        #expect(conditions["acs:AccessId"] == [TestKeys.longTerm.accessKeyId])
        #expect(conditions["acs:CurrentTime"]?.first?.hasSuffix("Z") == true)
        await denied.stop()
    }

    @Test func plainHTTPIsNotSecureTransport() async throws {
        let harness = try await Harness.start(try Harness.configuration(policies: [Policies.allowOnlyHTTPS]))
        let response = try await harness.response(harness.signed())
        #expect(response.status == 403)
        #expect(try response.errorBody().accessDeniedDetail?.noPermissionType == "ImplicitDeny")
        await harness.stop()
    }

    @Test func eachIdentityHasItsOwnPolicies() async throws {
        let other = EmulatorIdentity(
            accessKeyId: TestKeys.other.accessKeyId, accessKeySecret: TestKeys.other.accessKeySecret,
            policies: [try Policies.parse(Policies.denySubmit, name: "deny.json")],
            accountId: "5555555555555555", displayName: "ops-user")
        let harness = try await Harness.start(try Harness.configuration(extraIdentities: [other]))
        #expect(try await harness.response(harness.signed()).status == 200)
        let response = try await harness.response(harness.signed(credential: TestKeys.other))
        let detail = try #require(try response.errorBody().accessDeniedDetail)
        #expect(detail.noPermissionType == "ExplicitDeny")
        #expect(detail.authPrincipalOwnerId == "5555555555555555")
        #expect(detail.authPrincipalDisplayName == "ops-user")
        await harness.stop()
    }
}
