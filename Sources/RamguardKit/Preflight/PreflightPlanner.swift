import AlibabaCloud
import Foundation
import Preflight
import RAMPolicy
import VOD

/// Turns ``SubmitOptions`` into a ``PreparedCall``: parses the context, loads the policies, runs the
/// credential chain (and, where the chain reached it, the ECS metadata probe), starts the local emulator
/// for `--emulator`, reads the journal, and runs the named checks.
public struct PreflightPlanner: Sendable {
    /// For the ECS metadata probe.
    public var probeTransport: any HTTPTransport
    /// The in-process emulator for `--emulator`; `nil` for a real endpoint.
    public var localEndpoint: (any LocalEndpointProvider)?
    public var clock: @Sendable () -> Date

    public init(probeTransport: any HTTPTransport, localEndpoint: (any LocalEndpointProvider)? = nil,
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.probeTransport = probeTransport
        self.localEndpoint = localEndpoint
        self.clock = clock
    }

    /// The fixed, obviously fake key the emulator accepts when no credentials are configured.
    public static let demoCredential = Credential(
        accessKeyId: "LTAI-RAMGUARD-DEMO-01", accessKeySecret: "RamguardEmulatorDemoSecretNotReal01")

    /// The policy the emulator's identity gets with `--emulator` and no `--policy`: the bundled
    /// `policies/identities/least-privilege` grant.
    public static let demoPolicyText = """
        {
          "Version": "1",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": "vod:SubmitWorkflowJob",
              "Resource": "*"
            }
          ]
        }
        """

    /// - Parameter forSubmit: open and lock the journal (submit) rather than only read it (preflight).
    public func prepare(_ options: SubmitOptions, forSubmit: Bool) async throws(RamguardError) -> PreparedCall {
        let now = clock()
        if options.region != nil && options.endpoint != nil {
            throw .usage("give either --region or --endpoint, not both")
        }
        if localEndpoint != nil && (options.region != nil || options.endpoint != nil) {
            throw .usage("--emulator chooses the endpoint itself; drop --region/--endpoint")
        }
        if let timeout = options.timeout, !(timeout > 0 && timeout <= 600) {
            throw .usage("--timeout \(timeout): give a number of seconds between 0 and 600")
        }
        let userContext = try ContextArgument.parse(options.context)
        for entry in userContext.entries {
            if let derived = Preflight.derivedContextKeys.first(where: { Glob.fold($0) == entry.foldedKey }) {
                let source = derived.lowercased() == "acs:securetransport" ? "the endpoint's scheme (https:// → true)" : "the clock at the time of the call"
                throw .usage("--context \(entry.key): \(derived) is set from \(source); it cannot be given")
            }
        }
        let request = SubmitWorkflowJobRequest(workflowId: options.workflowId, mediaId: options.mediaId)

        var loaded: LoadedPolicies?
        if !options.policies.isEmpty || options.sessionPolicy != nil || !options.controlPolicies.isEmpty {
            loaded = try PolicyInputs(identity: options.policies, session: options.sessionPolicy, control: options.controlPolicies)
                .load(strict: options.strict)
        }

        // Credentials.
        let chain = CredentialProviderChain(environment: options.environment, homeDirectory: options.homeDirectory, profileName: options.profile)
        var lookup: CredentialLookup
        var credentialSource: String?
        var probe: ECSMetadataProbeResult?
        var notes: [String] = []
        do {
            let resolved = try chain.resolve(now: now)
            lookup = .resolved(resolved)
            credentialSource = resolved.source.map { source in
                let location = resolved.resolution.report(for: source)?.location.map { " (\($0))" } ?? ""
                return "\(source)\(location)"
            }
        } catch {
            lookup = .failed(error)
            let ecs = error.resolution.report(for: .ecsRamRole)?.outcome
            let reachedECS: Bool
            switch ecs {
            case .notAttempted?: reachedECS = true
            case .needsNetworkCall?: reachedECS = error.source == .ecsRamRole
            default: reachedECS = false
            }
            if reachedECS && localEndpoint == nil {
                probe = await ECSMetadataProbe(environment: options.environment, transport: probeTransport).probe()
            }
        }

        // Target.
        var target: TargetSpec
        var startedEndpoint: (any LocalEndpointProvider)?
        if let localEndpoint {
            var credential: Credential
            if let found = lookup.credential {
                credential = found
                notes.append("--emulator: the in-process VOD emulator accepts the credential found by the chain (\(found.maskedAccessKeyId), \(credentialSource ?? "chain")).")
            } else {
                credential = Self.demoCredential
                lookup = .provided(credential, note: "the emulator's fixed demo key, because no credentials are configured (the sources the chain tried are listed); it works only against the emulator",
                                   resolution: { if case .failed(let error) = lookup { return error.resolution } else { return nil } }())
                credentialSource = "the emulator's demo key (no credentials configured)"
                notes.append("--emulator: no credentials are configured, so the call is signed with the emulator's fixed demo key \(credential.maskedAccessKeyId).")
            }
            var policies = loaded?.policies(.identity) ?? []
            if loaded == nil {
                let result = PolicyValidator(options: ValidationOptions(kind: .identity)).validate(PolicySource(name: "<built-in least-privilege policy>", text: Self.demoPolicyText))
                policies = result.policy.map { [$0] } ?? []
                notes.append("--emulator: no --policy was given, so the emulator's identity gets the bundled least-privilege grant (vod:SubmitWorkflowJob on *).")
            } else {
                notes.append("--emulator: the emulator's identity has the --policy files as its RAM policies.")
            }
            // Invalid --policy files still start the emulator (with the valid ones): the call is refused
            // by preflight anyway, and the report should name the real problem, not a missing endpoint.
            let url: String
            do {
                url = try await localEndpoint.start(credential: credential, policies: policies,
                                                    sessionPolicy: loaded?.policies(.session).first, workflowIds: [options.workflowId])
            } catch {
                throw .usage("--emulator: the local VOD emulator could not be started: \(error)")
            }
            startedEndpoint = localEndpoint
            do {
                let endpoint = try ServiceEndpoint(parsing: url)
                target = .local(endpoint, note: "the in-process VOD emulator ramguard started for this run (plain HTTP on loopback; it knows workflow \(options.workflowId))")
                notes.append("--emulator: the emulator listens on \(endpoint) and stops when ramguard exits.")
            } catch {
                await localEndpoint.stop()
                throw .usage("--emulator: the emulator's URL \(url) cannot be used: \(error.message)")
            }
        } else if let endpoint = options.endpoint {
            target = .endpoint(endpoint)
        } else if let region = options.region ?? options.environment["ALIBABA_CLOUD_REGION_ID"].flatMap({ $0.isEmpty ? nil : $0 }) {
            target = .region(region)
            if options.region == nil { notes.append("The region \(region) comes from ALIBABA_CLOUD_REGION_ID.") }
        } else {
            target = .missing
        }

        // Journal.
        var journal: SubmitJournal?
        var additional: [PreflightCheck] = []
        if let path = options.journal {
            let entries: [JournalEntry]
            let unreadable: [Int]
            if forSubmit && !options.dryRun {
                do {
                    let opened = try SubmitJournal(path: path)
                    journal = opened
                    (entries, unreadable) = opened.entries()
                } catch {
                    await startedEndpoint?.stop()
                    throw error
                }
            } else {
                (entries, unreadable) = SubmitJournal.read(path: path)
            }
            additional.append(JournalCheck.run(path: path, entries: entries, unreadableLines: unreadable, request: request, force: options.force))
        }

        var policyInput: PolicyGrantInput?
        if let loaded {
            let reasons = loaded.diagnostics.filter { $0.severity == .error }.map {
                "\($0.file):\($0.span?.start.line ?? 1):\($0.span?.start.column ?? 1): [\($0.code.id)] \($0.message)"
            }
            policyInput = PolicyGrantInput(authorizer: loaded.isValid ? loaded.authorizer() : nil, files: loaded.documents.map(\.path),
                                           invalidReasons: reasons, userContext: userContext)
        }
        let input = PreflightInput(credentials: lookup, ecsProbe: probe, target: target, request: request,
                                   policies: policyInput, now: now, additionalChecks: additional)
        let result = Preflight.run(input)
        if loaded == nil && !userContext.entries.isEmpty {
            // Without policies the context is unused; say so rather than drop it silently.
            notes.append("--context was given without --policy; the keys are only used to evaluate --policy files.")
        }
        return PreparedCall(options: options, request: request, loaded: loaded, userContext: userContext, credentials: lookup,
                            credentialSource: credentialSource, notes: notes, preflight: result, journal: journal,
                            localEndpoint: startedEndpoint)
    }
}
