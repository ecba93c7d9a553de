import Foundation
import VOD

/// What the emulator knows: its callers, the workflows that exist, the faults to inject, and how it
/// presents itself.
///
/// Build one in code, or load the JSON file format with ``load(contentsOf:)``:
///
/// ```json
/// {
///   "identities": [
///     { "accessKeyId": "LTAI-NOT-A-REAL-KEY-Id", "accessKeySecret": "…",
///       "policies": ["policies/vod-submit.json"] },
///     { "accessKeyId": "STS.NUExample…", "accessKeySecret": "…", "securityToken": "CAIS…",
///       "securityTokenExpiration": "2030-01-01T00:00:00Z",
///       "policies": ["policies/role.json"], "sessionPolicy": "policies/session.json",
///       "principalType": "AssumedRoleUser", "accountId": "1234567890123456", "displayName": "Role:Session" }
///   ],
///   "workflows": ["34d577eade633860bdf1237a2b1f8c9e"],
///   "faults": [
///     { "match": { "workflowId": "34d5…" }, "kind": "serviceUnavailable", "count": 2 },
///     { "kind": "latency", "latencyMs": 250 },
///     { "kind": "throttling", "count": 1, "retryAfterMs": 30 }
///   ],
///   "regionId": "cn-shanghai",
///   "defaultFormat": "JSON"
/// }
/// ```
///
/// Policy paths are relative to the configuration file. Policies are validated with ramguard's
/// ``RAMPolicy/PolicyValidator`` (identity kind for `policies`, session kind for `sessionPolicy`); an
/// invalid policy is a configuration error.
public struct EmulatorConfiguration: Sendable {
    public var identities: [EmulatorIdentity]
    /// IDs of the workflows that exist; any other `WorkflowId` is answered with
    /// ``VOD/AlibabaErrorCode/invalidWorkflowNotFound``.
    public var workflows: [String]
    public var faults: [FaultRule]
    /// The region the emulator plays; decides `HostId` (`vod.<region>.aliyuncs.com`). Default `cn-shanghai`.
    public var regionId: String
    /// The body format when a request has no `Format` parameter. The brief for this emulator says JSON;
    /// note that the real VOD default for V1 requests is XML (reference §2.1), which `"XML"` reproduces.
    public var defaultFormat: ResponseFormat

    public init(
        identities: [EmulatorIdentity],
        workflows: [String],
        faults: [FaultRule] = [],
        regionId: String = "cn-shanghai",
        defaultFormat: ResponseFormat = .json
    ) {
        self.identities = identities
        self.workflows = workflows
        self.faults = faults
        self.regionId = regionId
        self.defaultFormat = defaultFormat
    }

    /// `vod.<regionId>.aliyuncs.com`, the `HostId` of every answer.
    public var hostId: String { "vod.\(regionId).aliyuncs.com" }

    /// Loads and validates the configuration file at `path`.
    ///
    /// - Throws: ``EmulatorConfigurationError`` with every problem found (unreadable file, JSON syntax,
    ///   unknown or mistyped fields, duplicate AccessKey IDs, unreadable or invalid policies, bad faults).
    public static func load(contentsOf path: String) throws(EmulatorConfigurationError) -> EmulatorConfiguration {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw EmulatorConfigurationError(file: path, problems: [
                .init(path: "", message: "cannot read the file: \((error as NSError).localizedDescription)"),
            ])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw EmulatorConfigurationError(file: path, problems: [.init(path: "", message: "the file is not UTF-8 text")])
        }
        let base = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try parse(text, file: path, baseDirectory: base)
    }

    /// Parses and validates configuration `text`; policy paths are resolved against `baseDirectory`.
    public static func parse(_ text: String, file: String, baseDirectory: String) throws(EmulatorConfigurationError) -> EmulatorConfiguration {
        var reader = ConfigurationReader(file: file, baseDirectory: baseDirectory)
        let configuration = reader.read(text)
        if let configuration, reader.problems.isEmpty {
            return configuration
        }
        throw EmulatorConfigurationError(file: file, problems: reader.problems)
    }

    /// Checks a configuration built in code: unique non-empty AccessKey IDs, non-empty secrets, a known
    /// region, sensible faults.
    public func validate(label: String = "<in-memory configuration>") throws(EmulatorConfigurationError) {
        var problems: [EmulatorConfigurationError.Problem] = []
        var seen = Set<String>()
        for (index, identity) in identities.enumerated() {
            if identity.accessKeyId.isEmpty {
                problems.append(.init(path: "identities[\(index)].accessKeyId", message: "is empty"))
            } else if !seen.insert(identity.accessKeyId).inserted {
                problems.append(.init(path: "identities[\(index)].accessKeyId", message: "\(KeyMasking.mask(identity.accessKeyId)) appears twice"))
            }
            if identity.accessKeySecret.isEmpty {
                problems.append(.init(path: "identities[\(index)].accessKeySecret", message: "is empty"))
            }
        }
        if !VODEndpoints.isWellFormedRegionId(regionId) {
            problems.append(.init(path: "regionId", message: "\"\(regionId)\" is not a region ID such as cn-shanghai"))
        }
        for (index, fault) in faults.enumerated() {
            if let count = fault.count, count < 1 {
                problems.append(.init(path: "faults[\(index)].count", message: "must be at least 1 (omit it for every matching request)"))
            }
            if fault.latencyMilliseconds < 0 || fault.latencyMilliseconds > ConfigurationReader.maximumLatency {
                problems.append(.init(path: "faults[\(index)].latencyMs", message: "must be between 0 and \(ConfigurationReader.maximumLatency)"))
            }
        }
        if !problems.isEmpty {
            throw EmulatorConfigurationError(file: label, problems: problems)
        }
    }
}
