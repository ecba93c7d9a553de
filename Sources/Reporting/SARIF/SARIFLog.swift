/// The subset of the SARIF 2.1.0 object model that ``SARIFReportEncoder`` writes. Property names are SARIF's;
/// optionals that are `nil` are omitted from the JSON, as SARIF prefers to empty values.
struct SARIFLog: Encodable {
    var schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json"
    var version = "2.1.0"
    var runs: [Run]

    enum CodingKeys: String, CodingKey {
        case schema = "$schema"
        case version, runs
    }

    struct Run: Encodable {
        var tool: Tool
        var originalUriBaseIds: [String: ArtifactLocation]?
        var invocations: [Invocation]
        var results: [Result]
        var columnKind = "unicodeCodePoints"
        var properties: RunProperties
    }

    struct RunProperties: Encodable {
        var command: String
        var decision: String
        var gateFailed: Bool?
        var gateReasons: [String]?
    }

    struct Tool: Encodable {
        var driver: ToolComponent
    }

    struct ToolComponent: Encodable {
        var name: String
        var version: String
        var informationUri: String?
        var rules: [ReportingDescriptor]
    }

    struct ReportingDescriptor: Encodable {
        var id: String
        var name: String
        var shortDescription: MultiformatMessage
        var fullDescription: MultiformatMessage
        var help: MultiformatMessage
        var defaultConfiguration: Configuration
        var properties: RuleProperties?
    }

    struct Configuration: Encodable {
        var level: String
    }

    struct RuleProperties: Encodable {
        var tags: [String]
        var securitySeverity: String?

        enum CodingKeys: String, CodingKey {
            case tags
            case securitySeverity = "security-severity"
        }
    }

    struct MultiformatMessage: Encodable {
        var text: String
    }

    struct Message: Encodable {
        var text: String
    }

    struct Invocation: Encodable {
        var executionSuccessful: Bool
        var endTimeUtc: String?
    }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]
        var partialFingerprints: [String: String]
        var relatedLocations: [Location]?
        var suppressions: [Suppression]?
        var baselineState: String?
        var properties: ResultProperties
    }

    struct ResultProperties: Encodable {
        var severity: String
        var remedy: String
    }

    struct Location: Encodable {
        var id: Int?
        var physicalLocation: PhysicalLocation
        var logicalLocations: [LogicalLocation]?
        var message: Message?
    }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }

    struct ArtifactLocation: Encodable {
        var uri: String
        var uriBaseId: String?
    }

    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int?
        var endLine: Int?
        var endColumn: Int?
    }

    struct LogicalLocation: Encodable {
        /// The JSON path inside the policy document.
        var fullyQualifiedName: String
    }

    struct Suppression: Encodable {
        var kind: String
        var status: String
        var justification: String
        var properties: SuppressionProperties
    }

    struct SuppressionProperties: Encodable {
        /// ramguard's own kind: `config` or `baseline`.
        var ramguardKind: String
    }
}
