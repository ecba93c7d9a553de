import AlibabaCloud
import Foundation
import RamguardKit
import Reporting
import Testing
import VODEmulator

/// `submit` over real loopback HTTP against the in-process VOD emulator.
@Suite("submit end to end (in-process emulator)")
struct SubmitEndToEndTests {
    @Test("an allowed call is submitted once: TaskId, RequestId, exit 0")
    func submitted() async throws {
        let scratch = try Scratch()
        let vod = try await LocalVOD.start()
        defer { Task { await vod.stop() } }
        let policy = try scratch.write("allow.json", PolicyText.allowSubmit)
        let run = try await SubmitRun.run(.test(endpoint: vod.url, home: scratch.path, mediaId: Keys.media, policies: [policy]))
        let jobs = await vod.jobs()
        #expect(run.result.exitCode == 0)
        #expect(run.report.outcome == "submitted")
        #expect(jobs.count == 1)
        #expect(run.report.taskId == jobs.first?.taskId)
        #expect(run.report.requestId == jobs.first?.requestId)
        #expect(jobs.first?.mediaId == Keys.media)
        #expect(jobs.first?.signatureScheme == SignatureScheme.v3.rawValue)
        #expect(run.report.decision == "Allow")
        #expect(run.report.submission?.attempts.map(\.result) == ["success"])
        #expect(run.report.preflight?.first { $0.id == "policy.grants-submit" }?.status == "pass")
        // The call went out as the SDKs send it: POST, parameters in the query, no body.
        let sent = try #require(run.transport.requests.first)
        #expect(sent.method == "POST")
        #expect(sent.url.contains("?WorkflowId=\(Keys.workflow)&MediaId=\(Keys.media)"))
        #expect(sent.body.isEmpty)
    }

    @Test("RPC V1 signing on request")
    func signatureV1() async throws {
        let scratch = try Scratch()
        let vod = try await LocalVOD.start(credential: Keys.sts)
        defer { Task { await vod.stop() } }
        let run = try await SubmitRun.run(.test(endpoint: vod.url, home: scratch.path, credential: Keys.sts, signatureVersion: .v1))
        #expect(run.result.exitCode == 0, "\(run.report.error.map { "\($0)" } ?? "")")
        #expect(await vod.jobs().first?.signatureScheme == SignatureScheme.rpcV1.rawValue)
        #expect(run.transport.requests.first?.url.contains("SignatureMethod=HMAC-SHA1") == true)
    }

    @Test("a local policy denial exits 1 and sends nothing")
    func deniedLocally() async throws {
        let scratch = try Scratch()
        let vod = try await LocalVOD.start()
        defer { Task { await vod.stop() } }
        let policy = try scratch.write("read-only.json", PolicyText.allowReadOnly)
        let run = try await SubmitRun.run(.test(endpoint: vod.url, home: scratch.path, policies: [policy]))
        #expect(run.result.exitCode == 1)
        #expect(run.report.outcome == "denied")
        #expect(run.report.decision == "ImplicitDeny")
        #expect(run.transport.requests.isEmpty)
        #expect(await vod.jobs().isEmpty)
        #expect(run.report.submission?.attempts.isEmpty == true)
    }

    @Test("plain http makes acs:SecureTransport false: an HTTPS-only policy denies before sending")
    func secureTransportFromScheme() async throws {
        let scratch = try Scratch()
        let vod = try await LocalVOD.start()
        defer { Task { await vod.stop() } }
        let policy = try scratch.write("https-only.json", PolicyText.allowOnlyHTTPS)
        let run = try await SubmitRun.run(.test(endpoint: vod.url, home: scratch.path, policies: [policy]))
        #expect(run.result.exitCode == 1)
        let check = try #require(run.report.preflight?.first { $0.id == "policy.grants-submit" })
        #expect(check.status == "fail")
        #expect(check.details.contains { $0.contains("acs:SecureTransport=false") && $0.contains("plain http") })
        #expect(check.details.contains { $0.contains("Bool acs:SecureTransport [true] does not hold") })
        #expect(run.transport.requests.isEmpty)
    }

    @Test("a service denial (explicit) exits 1 with the AccessDeniedDetail decoded and no local statement to blame")
    func deniedByServiceExplicitly() async throws {
        let scratch = try Scratch()
        let vod = try await LocalVOD.start(policies: [PolicyText.denySubmit])
        defer { Task { await vod.stop() } }
        let policy = try scratch.write("allow.json", PolicyText.allowSubmit)
        let run = try await SubmitRun.run(.test(endpoint: vod.url, home: scratch.path, policies: [policy]))
        #expect(run.result.exitCode == 1)
        #expect(run.report.outcome == "denied")
        #expect(run.report.decision == "Allow")  // locally
        let error = try #require(run.report.error)
        #expect(error.code == "Forbidden.RAM")
        #expect(error.httpStatus == 403)
        #expect(error.requestId != nil && run.report.requestId == error.requestId)
        let denied = try #require(error.accessDenied)
        #expect(denied.noPermissionType == "ExplicitDeny")
        #expect(denied.decision == "ExplicitDeny")
        #expect(denied.layer == "identity")
        #expect(denied.policyType == "AccountLevelIdentityBasedPolicy")
        #expect(denied.authAction == "vod:SubmitWorkflowJob")
        #expect(denied.servicePolicies.contains { $0.hasPrefix("service-policy-0.json (Deny") })
        #expect(denied.serviceContext.contains { $0.key == "acs:SourceIp" && $0.values == ["127.0.0.1"] && $0.source == "service" })
        #expect(denied.serviceContext.contains { $0.key == "acs:AccessId" && $0.values == ["LTAI****Id"] }, "AccessKey IDs are shown masked")
        #expect(denied.statements.isEmpty)
        #expect(denied.explanation.contains("The local --policy files allow the call"))
        #expect(await vod.jobs().isEmpty)
        #expect(run.report.submission?.attempts.map(\.result) == ["denied"])
    }

    @Test("a service denial (implicit) is explained by the local statement whose condition the call does not meet")
    func deniedByServiceImplicitly() async throws {
        let scratch = try Scratch()
        let vod = try await LocalVOD.start(policies: [PolicyText.allowFromOffice])
        defer { Task { await vod.stop() } }
        let policy = try scratch.write("office.json", PolicyText.allowFromOffice)
        // The user claims the office address; the service sees the loopback peer.
        let run = try await SubmitRun.run(.test(endpoint: vod.url, home: scratch.path, policies: [policy], context: ["acs:SourceIp=203.0.113.7"]))
        #expect(run.result.exitCode == 1)
        #expect(run.report.decision == "Allow")
        let denied = try #require(run.report.error?.accessDenied)
        #expect(denied.decision == "ImplicitDeny")
        #expect(denied.layer == "identity")
        #expect(denied.statements.count == 1)
        #expect(denied.statements.first?.file == policy)
        #expect(denied.explanation.contains("requires IpAddress acs:SourceIp [203.0.113.0/24] and the call had 127.0.0.1"), "\(denied.explanation)")
    }

    @Test("throttled, then accepted: retried once, submitted exactly once")
    func throttledThenSubmitted() async throws {
        let scratch = try Scratch()
        let vod = try await LocalVOD.start(faults: [FaultRule(kind: .throttling, count: 1, retryAfterMilliseconds: 30)])
        defer { Task { await vod.stop() } }
        let run = try await SubmitRun.run(.test(endpoint: vod.url, home: scratch.path))
        #expect(run.result.exitCode == 0)
        #expect(await vod.jobs().count == 1)
        let attempts = try #require(run.report.submission?.attempts)
        #expect(attempts.map(\.result) == ["retryable", "success"])
        #expect(attempts.first?.code == "Throttling.User")
        #expect(run.sleeps.sleeps.count == 1)
        #expect(run.sleeps.sleeps.first.map { $0 >= .milliseconds(30) } == true)
        // Each attempt was signed afresh: different nonces.
        let nonces = run.transport.requests.compactMap { $0.headerValue(named: "x-acs-signature-nonce") }
        #expect(nonces.count == 2 && Set(nonces).count == 2)
    }

    @Test("503 ServiceUnavailable is retried with backoff")
    func serviceUnavailableRetried() async throws {
        let scratch = try Scratch()
        let vod = try await LocalVOD.start(faults: [FaultRule(kind: .serviceUnavailable, count: 2)])
        defer { Task { await vod.stop() } }
        let run = try await SubmitRun.run(.test(endpoint: vod.url, home: scratch.path))
        #expect(run.result.exitCode == 0)
        #expect(await vod.jobs().count == 1)
        #expect(run.report.submission?.attempts.map(\.result) == ["retryable", "retryable", "success"])
        #expect(run.sleeps.sleeps.count == 2)
        #expect(run.sleeps.sleeps[0] < run.sleeps.sleeps[1])
    }

    @Test("503 on every attempt: API error after the retry budget, nothing started")
    func serviceUnavailableExhausted() async throws {
        let scratch = try Scratch()
        let vod = try await LocalVOD.start(faults: [FaultRule(kind: .serviceUnavailable)])
        defer { Task { await vod.stop() } }
        let run = try await SubmitRun.run(.test(endpoint: vod.url, home: scratch.path))
        #expect(run.result.exitCode == 4)
        #expect(run.report.outcome == "api_error")
        #expect(run.report.error?.code == "ServiceUnavailable")
        #expect(run.report.submission?.attempts.count == 3)
        #expect(await vod.jobs().isEmpty)
    }

    @Test("a connection refused is retried, then an API error (nothing was sent)")
    func connectionRefused() async throws {
        let scratch = try Scratch()
        let vod = try await LocalVOD.start()
        let url = vod.url
        await vod.stop()  // the port is now closed
        let run = try await SubmitRun.run(.test(endpoint: url, home: scratch.path))
        #expect(run.result.exitCode == 4)
        #expect(run.report.error?.code == "connectionFailed")
        #expect(run.report.submission?.attempts.map(\.result) == ["retryable", "retryable", "retryable"])
    }

    @Test("drop after processing: outcome unknown (exit 5), not retried, journal refuses a second submit until --force")
    func dropAfterProcessing() async throws {
        let scratch = try Scratch()
        let vod = try await LocalVOD.start(faults: [FaultRule(kind: .dropAfterProcessing, count: 1)])
        defer { Task { await vod.stop() } }
        let journal = scratch.file("journal.jsonl")
        let first = try await SubmitRun.run(.test(endpoint: vod.url, home: scratch.path, journal: journal))
        #expect(first.result.exitCode == 5)
        #expect(first.report.outcome == "unknown")
        #expect(first.report.submission?.attempts.count == 1)
        #expect(first.transport.requests.count == 1)
        #expect(await vod.jobs().count == 1)
        #expect(first.report.submission?.summary.contains("not retried") == true)

        let lines = scratch.read("journal.jsonl").split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.contains(#""type":"intent""#) == true)
        #expect(lines.last?.contains(#""result":"unknown""#) == true)

        let second = try await SubmitRun.run(.test(endpoint: vod.url, home: scratch.path, journal: journal))
        #expect(second.result.exitCode == 3)
        #expect(second.report.outcome == "preflight_failed")
        let check = try #require(second.report.preflight?.first { $0.id == "journal.no-unknown-outcome" })
        #expect(check.status == "fail")
        #expect(second.transport.requests.isEmpty)
        #expect(await vod.jobs().count == 1)

        let forced = try await SubmitRun.run(.test(endpoint: vod.url, home: scratch.path, journal: journal, force: true))
        #expect(forced.result.exitCode == 0)
        #expect(forced.report.preflight?.first { $0.id == "journal.no-unknown-outcome" }?.status == "warn")
        #expect(await vod.jobs().count == 2)

        // The forced run acknowledged the unknown one: a further submit is allowed again.
        let after = try await SubmitRun.run(.test(endpoint: vod.url, home: scratch.path, dryRun: true, journal: journal))
        #expect(after.result.exitCode == 0)
    }

    @Test("500 InternalError after processing: outcome unknown, not retried")
    func internalError() async throws {
        let scratch = try Scratch()
        let vod = try await LocalVOD.start(faults: [FaultRule(kind: .internalError, count: 1)])
        defer { Task { await vod.stop() } }
        let run = try await SubmitRun.run(.test(endpoint: vod.url, home: scratch.path))
        #expect(run.result.exitCode == 5)
        #expect(run.report.error?.code == "InternalError")
        #expect(run.report.requestId != nil)
        #expect(run.report.submission?.attempts.count == 1)
        #expect(await vod.jobs().count == 1)
    }

    @Test("a timeout is an unknown outcome, not retried — and the job did start")
    func timeout() async throws {
        let scratch = try Scratch()
        let vod = try await LocalVOD.start(faults: [FaultRule(kind: .latency, count: 1, latencyMilliseconds: 1_500)])
        defer { Task { await vod.stop() } }
        let run = try await SubmitRun.run(.test(endpoint: vod.url, home: scratch.path, timeout: 1))
        #expect(run.result.exitCode == 5)
        #expect(run.report.error?.code == "timedOut")
        #expect(run.report.submission?.attempts.count == 1)
        #expect(run.transport.requests.count == 1)
        var jobs = 0
        for _ in 0..<150 where jobs == 0 {
            try await Task.sleep(for: .milliseconds(100))
            jobs = await vod.jobs().count
        }
        #expect(jobs == 1, "the server processed the request the client gave up on")
    }

    @Test("a connection closed before processing is still not provably unprocessed: unknown, not retried")
    func dropBeforeProcessing() async throws {
        let scratch = try Scratch()
        let vod = try await LocalVOD.start(faults: [FaultRule(kind: .dropBeforeProcessing, count: 1)])
        defer { Task { await vod.stop() } }
        let run = try await SubmitRun.run(.test(endpoint: vod.url, home: scratch.path))
        #expect(run.result.exitCode == 5)
        #expect(run.report.submission?.attempts.count == 1)
        #expect(await vod.jobs().isEmpty)
    }

    @Test("a wrong secret: SignatureDoesNotMatch with the echoed string-to-sign scrubbed (V1 STS echoes the token)")
    func wrongSecret() async throws {
        let scratch = try Scratch()
        let vod = try await LocalVOD.start(credential: Keys.sts, acceptedSecret: "TheRealSecretIsSomethingElse000")
        defer { Task { await vod.stop() } }
        for version in [SignatureVersion.v1, .v3] {
            let run = try await SubmitRun.run(.test(endpoint: vod.url, home: scratch.path, credential: Keys.sts, signatureVersion: version))
            #expect(run.result.exitCode == 4)
            let error = try #require(run.report.error)
            #expect(error.code == "SignatureDoesNotMatch")
            #expect(error.message?.contains("<string-to-sign removed>") == true, "\(error.message ?? "")")
            #expect(error.message?.contains("SubmitWorkflowJob") == false)
            for text in try run.renderings {
                for canary in Keys.canaries + run.transport.signatures {
                    #expect(!text.contains(canary))
                }
                #expect(!text.contains(PercentEncoding.encode(PercentEncoding.encode(Keys.token))))
            }
        }
        #expect(await vod.jobs().isEmpty)
    }

    @Test("an expired STS token is refused by the service: API error")
    func expiredToken() async throws {
        let scratch = try Scratch()
        let vod = try await LocalVOD.start(credential: Keys.sts, tokenExpiration: Date(timeIntervalSinceNow: -60))
        defer { Task { await vod.stop() } }
        let run = try await SubmitRun.run(.test(endpoint: vod.url, home: scratch.path, credential: Keys.sts))
        #expect(run.result.exitCode == 4)
        #expect(run.report.error?.code == "InvalidSecurityToken.Expired")
    }

    @Test("an unknown workflow is an API error")
    func unknownWorkflow() async throws {
        let scratch = try Scratch()
        let vod = try await LocalVOD.start(workflows: [])
        defer { Task { await vod.stop() } }
        let run = try await SubmitRun.run(.test(endpoint: vod.url, home: scratch.path))
        #expect(run.result.exitCode == 4)
        #expect(run.report.error?.httpStatus == 404)
    }

    @Test("--dry-run prints the signed request with secrets redacted and sends nothing")
    func dryRun() async throws {
        let scratch = try Scratch()
        let vod = try await LocalVOD.start(credential: Keys.sts)
        defer { Task { await vod.stop() } }
        for version in [SignatureVersion.v3, .v1] {
            let run = try await SubmitRun.run(.test(endpoint: vod.url, home: scratch.path, credential: Keys.sts, signatureVersion: version, dryRun: true))
            #expect(run.result.exitCode == 0)
            #expect(run.report.outcome == "dry_run")
            #expect(run.transport.requests.isEmpty)
            let request = try #require(run.report.submission?.httpRequest)
            #expect(request.method == "POST")
            #expect(request.url.hasPrefix(vod.url + "/?"))
            if version == .v3 {
                let authorization = try #require(request.headers.first { $0.name == "Authorization" }?.value)
                #expect(authorization.hasPrefix("ACS3-HMAC-SHA256 Credential=STS.****01,SignedHeaders=host;x-acs-action;"))
                #expect(authorization.hasSuffix("Signature=<redacted>"))
                #expect(request.headers.first { $0.name == "x-acs-security-token" }?.value == "<redacted>")
            } else {
                #expect(request.url.contains("Signature=<redacted>"))
                #expect(request.url.contains("SecurityToken=<redacted>"))
            }
            for text in try run.renderings {
                for canary in Keys.canaries { #expect(!text.contains(canary)) }
            }
        }
        #expect(await vod.jobs().isEmpty)
    }

    @Test("--endpoint http://example.com is refused before anything is sent; loopback http is accepted")
    func plainHTTPOnlyOnLoopback() async throws {
        let scratch = try Scratch()
        let refused = try await SubmitRun.run(.test(endpoint: "http://example.com", home: scratch.path))
        #expect(refused.result.exitCode == 3)
        let check = try #require(refused.report.preflight?.first { $0.id == "endpoint.resolved" })
        #expect(check.status == "fail")
        #expect(check.message.contains("loopback"))
        #expect(refused.transport.requests.isEmpty)

        let vod = try await LocalVOD.start()
        defer { Task { await vod.stop() } }
        let accepted = try await SubmitRun.run(.test(endpoint: vod.url, home: scratch.path))
        #expect(accepted.result.exitCode == 0)
        #expect(accepted.report.preflight?.first { $0.id == "endpoint.resolved" }?.status == "pass")
    }

    @Test("no credentials: preflight fails (exit 3) and says which sources were tried")
    func noCredentials() async throws {
        let scratch = try Scratch()
        var options = SubmitOptions.test(endpoint: "https://vod.cn-shanghai.aliyuncs.com", home: scratch.path)
        options.environment = ["HOME": scratch.path]
        let run = try await SubmitRun.run(options)
        #expect(run.result.exitCode == 3)
        let check = try #require(run.report.preflight?.first { $0.id == "credentials.found" })
        #expect(check.status == "fail")
        #expect(check.details.count >= 6)
        // The ECS source was reached and probed (the probe transport fails: unreachable).
        #expect(check.details.contains { $0.contains("ECS instance RAM role") && $0.contains("unreachable") })
        #expect(run.transport.requests.isEmpty)
    }
}
