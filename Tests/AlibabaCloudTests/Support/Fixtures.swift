import Foundation
import Testing

/// The golden files copied from the shared reference (`signing-vectors.json`, `sdk-captured-requests.json`).
enum Fixtures {
    struct Missing: Error, CustomStringConvertible {
        var name: String
        var description: String { "fixture \(name) is not in the test bundle" }
    }

    static func data(_ name: String) throws -> Data {
        let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures")
            ?? Bundle.module.url(forResource: name, withExtension: "json")
        guard let url else { throw Missing(name: name) }
        return try Data(contentsOf: url)
    }

    static func signingVectors() throws -> SigningVectors {
        try JSONDecoder().decode(SigningVectors.self, from: data("signing-vectors"))
    }

    static func capturedRequests() throws -> CapturedRequests {
        try JSONDecoder().decode(CapturedRequests.self, from: data("sdk-captured-requests"))
    }
}

struct FixtureCredential: Decodable, Sendable {
    var accessKeyId: String
    var accessKeySecret: String
    var securityToken: String?

    enum CodingKeys: String, CodingKey {
        case accessKeyId = "access_key_id"
        case accessKeySecret = "access_key_secret"
        case securityToken = "security_token"
    }
}

struct SigningVectors: Decodable, Sendable {
    struct Credentials: Decodable, Sendable {
        var longTerm: FixtureCredential
        var sts: FixtureCredential
        enum CodingKeys: String, CodingKey {
            case longTerm = "long_term"
            case sts
        }
    }

    /// A published example: V1 ones have `params`, the V3 one has `query`/`headers`.
    struct Published: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var source: String
        var method: String
        /// The V1 examples give it as a field; the V3 example only names it in `source`.
        var secretField: String?
        var params: [String: String]?
        var canonicalizedQueryString: String?
        var signedQueryString: String?
        var pathname: String?
        var query: [String: String]?
        var headers: [String: String]?
        var canonicalQueryString: String?
        var canonicalHeaders: String?
        var signedHeaders: String?
        var hashedRequestPayload: String?
        var canonicalRequest: String?
        var hashedCanonicalRequest: String?
        var stringToSign: String
        var signature: String
        var authorization: String?
        var sdkSignature: String?
        var sdkAuthorization: String?

        var testDescription: String { name }

        var secret: String? {
            secretField ?? source.firstMatch(of: /AccessKeySecret=([A-Za-z0-9]+)/).map { String($0.output.1) }
        }

        enum CodingKeys: String, CodingKey {
            case name, source, method, params, pathname, query, headers, signature, authorization
            case secretField = "secret"
            case sdkSignature = "sdk_signature"
            case sdkAuthorization = "sdk_authorization"
            case canonicalizedQueryString = "canonicalized_query_string"
            case signedQueryString = "signed_query_string"
            case canonicalQueryString = "canonical_query_string"
            case canonicalHeaders = "canonical_headers"
            case signedHeaders = "signed_headers"
            case hashedRequestPayload = "hashed_request_payload"
            case canonicalRequest = "canonical_request"
            case hashedCanonicalRequest = "hashed_canonical_request"
            case stringToSign = "string_to_sign"
        }
    }

    struct Inputs: Decodable, Sendable {
        var workflowId: String
        var mediaId: String?
        var accessKeyId: String
        var accessKeySecret: String
        var securityToken: String?
        var timestamp: String
        var nonce: String
        enum CodingKeys: String, CodingKey {
            case workflowId = "WorkflowId"
            case mediaId = "MediaId"
            case accessKeyId = "access_key_id"
            case accessKeySecret = "access_key_secret"
            case securityToken = "security_token"
            case timestamp, nonce
        }
    }

    struct V1: Decodable, Sendable {
        var method: String
        var signedParams: [String: String]
        var canonicalizedQueryString: String
        var stringToSign: String
        var signature: String
        var signedQueryString: String?
        var urlAsSent: String?
        var requestTargetAsSent: String?
        var headersAsSent: [String: String]?
        enum CodingKeys: String, CodingKey {
            case method, signature
            case signedParams = "signed_params"
            case canonicalizedQueryString = "canonicalized_query_string"
            case stringToSign = "string_to_sign"
            case signedQueryString = "signed_query_string"
            case urlAsSent = "url_as_sent"
            case requestTargetAsSent = "request_target_as_sent"
            case headersAsSent = "headers_as_sent"
        }
    }

    struct V3: Decodable, Sendable {
        var method: String
        var pathname: String
        var query: [String: String]
        var headers: [String: String]?
        var headersSignedAndSent: [String: String]?
        var urlAsSent: String?
        var canonicalQueryString: String
        var canonicalHeaders: String?
        var signedHeaders: String?
        var hashedRequestPayload: String?
        var canonicalRequest: String
        var hashedCanonicalRequest: String
        var stringToSign: String
        var signature: String
        var authorization: String
        enum CodingKeys: String, CodingKey {
            case method, pathname, query, headers, signature, authorization
            case headersSignedAndSent = "headers_signed_and_sent"
            case urlAsSent = "url_as_sent"
            case canonicalQueryString = "canonical_query_string"
            case canonicalHeaders = "canonical_headers"
            case signedHeaders = "signed_headers"
            case hashedRequestPayload = "hashed_request_payload"
            case canonicalRequest = "canonical_request"
            case hashedCanonicalRequest = "hashed_canonical_request"
            case stringToSign = "string_to_sign"
        }

        /// Every header the vector sent, from whichever field it uses.
        var allHeaders: [String: String] { headers ?? headersSignedAndSent ?? [:] }
    }

    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        struct V1Variants: Decodable, Sendable {
            var teaSDK: V1
            var coreSDK: V1
            enum CodingKeys: String, CodingKey {
                case teaSDK = "tea_sdk"
                case coreSDK = "core_sdk"
            }
        }
        struct V3Variants: Decodable, Sendable {
            var docMinimalHeaders: V3
            var teaSDKExact: V3
            enum CodingKeys: String, CodingKey {
                case docMinimalHeaders = "doc_minimal_headers"
                case teaSDKExact = "tea_sdk_exact"
            }
        }
        var name: String
        var inputs: Inputs
        var v1: V1Variants
        var v3: V3Variants

        var testDescription: String { name }
    }

    var credentials: Credentials
    var publishedVectors: [Published]
    var cases: [Case]

    enum CodingKeys: String, CodingKey {
        case credentials, cases
        case publishedVectors = "published_vectors"
    }
}

struct CapturedRequests: Decodable, Sendable {
    struct Check: Decodable, Sendable {
        var scheme: String
        var accessKeyId: String
        var ok: Bool
        var signedHeaders: [String]?
        enum CodingKeys: String, CodingKey {
            case scheme, ok
            case accessKeyId = "access_key_id"
            case signedHeaders = "signed_headers"
        }
    }

    struct Request: Decodable, Sendable {
        var method: String
        var requestTarget: String
        var queryDecoded: [[String]]
        var headers: [[String]]
        var body: String
        var serverSideSignatureCheck: Check
        enum CodingKeys: String, CodingKey {
            case method, headers, body
            case requestTarget = "request_target"
            case queryDecoded = "query_decoded"
            case serverSideSignatureCheck = "server_side_signature_check"
        }
    }

    struct Scenario: Decodable, Sendable {
        var name: String
        var requests: [Request]
    }

    var credentials: SigningVectors.Credentials
    var scenarios: [Scenario]

    /// Every captured request with a readable name, for parameterized tests.
    struct Labeled: Sendable, CustomTestStringConvertible {
        var label: String
        var request: Request
        var testDescription: String { label }
    }

    var allRequests: [Labeled] {
        scenarios.flatMap { scenario in
            scenario.requests.enumerated().map { index, request in
                Labeled(label: "\(scenario.name)#\(index + 1)", request: request)
            }
        }
    }
}
