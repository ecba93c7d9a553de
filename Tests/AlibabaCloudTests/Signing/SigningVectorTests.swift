import AlibabaCloud
import Foundation
import Testing

/// Every vector in `signing-vectors.json`, bit for bit: the 3 published examples and, for each of the 8
/// SubmitWorkflowJob cases, the tea-SDK and core-SDK V1 variants and the doc-minimal and tea-exact V3
/// variants (35 signatures in all).
@Suite("Signing vectors")
struct SigningVectorTests {
    static let v1Owned = Set(RPCV1Signer.authenticationParameterNames)
    static let v3Owned = Set(V3Signer.ownedHeaderNames)

    /// Splits the vector's full parameter set into what a caller supplies and what the signer adds.
    static func v1Request(method: String, params: [String: String]) -> SignableRequest {
        let query = params
            .filter { !v1Owned.contains($0.key) }
            .sorted { $0.key < $1.key }
            .map { SignableRequest.Parameter($0.key, $0.value) }
        return SignableRequest(method: method, host: "vod.cn-shanghai.aliyuncs.com", query: query)
    }

    static func v3Request(method: String, pathname: String, query: [String: String], headers: [String: String]) -> SignableRequest {
        SignableRequest(
            method: method,
            host: headers["host"] ?? "",
            path: pathname,
            query: query.sorted { $0.key < $1.key }.map { SignableRequest.Parameter($0.key, $0.value) },
            headers: headers
                .filter { !v3Owned.contains($0.key.lowercased()) }
                .sorted { $0.key < $1.key }
                .map { SignableRequest.Header($0.key, $0.value) }
        )
    }

    static func signedParameterDictionary(_ signed: RPCV1SignedRequest) -> [String: String] {
        Dictionary(signed.signedParameters.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    static func secrets(_ fixtures: SigningVectors) -> [String: String] {
        [
            fixtures.credentials.longTerm.accessKeyId: fixtures.credentials.longTerm.accessKeySecret,
            fixtures.credentials.sts.accessKeyId: fixtures.credentials.sts.accessKeySecret,
        ]
    }

    static func target(ofURL url: String) -> String {
        guard let schemeEnd = url.range(of: "://"),
              let slash = url[schemeEnd.upperBound...].firstIndex(of: "/")
        else { return url }
        return String(url[slash...])
    }

    // MARK: - Published vectors

    @Test(arguments: try Fixtures.signingVectors().publishedVectors)
    func publishedVector(_ vector: SigningVectors.Published) throws {
        let secret = try #require(vector.secret)
        if let params = vector.params {
            let request = Self.v1Request(method: vector.method, params: params)
            let accessKeyId = try #require(params["AccessKeyId"])
            let timestamp = try #require(params["Timestamp"])
            let nonce = try #require(params["SignatureNonce"])
            let credential = Credential(accessKeyId: accessKeyId, accessKeySecret: secret)
            let date = try #require(SigningTimestamp.date(from: timestamp))
            let signed = RPCV1Signer().sign(request, with: credential, date: date, nonce: nonce)
            #expect(signed.canonicalizedQueryString == vector.canonicalizedQueryString)
            #expect(signed.stringToSign == vector.stringToSign)
            #expect(signed.signature == vector.signature)
            #expect(signed.signedQueryString == vector.signedQueryString)
            #expect(Self.signedParameterDictionary(signed) == params)
            #expect(RPCV1Signer.signature(stringToSign: vector.stringToSign, secret: secret) == vector.signature)
            #expect(vector.sdkSignature == vector.signature)
        } else {
            let headers = try #require(vector.headers)
            let pathname = try #require(vector.pathname)
            let query = try #require(vector.query)
            let request = Self.v3Request(method: vector.method, pathname: pathname, query: query, headers: headers)
            let accessKeyId = try #require(vector.authorization?.firstMatch(of: /Credential=([^,]+)/)?.output.1)
            let credential = Credential(accessKeyId: String(accessKeyId), accessKeySecret: secret)
            let timestamp = try #require(headers["x-acs-date"])
            let nonce = try #require(headers["x-acs-signature-nonce"])
            let date = try #require(SigningTimestamp.date(from: timestamp))
            let signed = V3Signer().sign(request, with: credential, date: date, nonce: nonce)
            #expect(signed.canonicalQueryString == vector.canonicalQueryString)
            #expect(signed.canonicalHeaders == vector.canonicalHeaders)
            #expect(signed.signedHeaders == vector.signedHeaders)
            #expect(signed.hashedRequestPayload == vector.hashedRequestPayload)
            #expect(signed.canonicalRequest == vector.canonicalRequest)
            #expect(signed.hashedCanonicalRequest == vector.hashedCanonicalRequest)
            #expect(signed.stringToSign == vector.stringToSign)
            #expect(signed.signature == vector.signature)
            #expect(signed.authorization == vector.authorization)
            #expect(V3Signer.signature(stringToSign: vector.stringToSign, secret: secret) == vector.signature)
            #expect(vector.sdkAuthorization == vector.authorization)

            let verified = try SignatureVerifier().verify(signed.request) { $0 == credential.accessKeyId ? secret : nil }
            #expect(verified.scheme == .v3)
        }
    }

    // MARK: - V1

    @Test(arguments: try Fixtures.signingVectors().cases)
    func v1TeaSDK(_ testCase: SigningVectors.Case) throws {
        try checkV1(testCase.v1.teaSDK, inputs: testCase.inputs, wireTarget: testCase.v1.teaSDK.urlAsSent.map(Self.target(ofURL:)))
    }

    @Test(arguments: try Fixtures.signingVectors().cases)
    func v1CoreSDK(_ testCase: SigningVectors.Case) throws {
        try checkV1(testCase.v1.coreSDK, inputs: testCase.inputs, wireTarget: testCase.v1.coreSDK.requestTargetAsSent)
    }

    private func checkV1(_ vector: SigningVectors.V1, inputs: SigningVectors.Inputs, wireTarget: String?) throws {
        let credential = Credential(
            accessKeyId: inputs.accessKeyId,
            accessKeySecret: inputs.accessKeySecret,
            securityToken: inputs.securityToken
        )
        let request = Self.v1Request(method: vector.method, params: vector.signedParams)
        let date = try #require(SigningTimestamp.date(from: inputs.timestamp))
        #expect(SigningTimestamp.string(from: date) == inputs.timestamp)

        let signed = RPCV1Signer().sign(request, with: credential, date: date, nonce: inputs.nonce)
        #expect(Self.signedParameterDictionary(signed) == vector.signedParams)
        #expect(signed.canonicalizedQueryString == vector.canonicalizedQueryString)
        #expect(signed.stringToSign == vector.stringToSign)
        #expect(signed.signature == vector.signature)
        if let expected = vector.signedQueryString {
            #expect(signed.signedQueryString == expected)
        }

        // What we would send verifies, and so does what the SDK actually sent.
        let secrets = [inputs.accessKeyId: inputs.accessKeySecret]
        let ours = try SignatureVerifier().verify(signed.request) { secrets[$0] }
        #expect(ours.scheme == .rpcV1)
        #expect(ours.nonce == inputs.nonce)
        #expect(ours.timestamp == inputs.timestamp)
        #expect(ours.securityToken == inputs.securityToken)
        if let wireTarget {
            let theirs = try SignatureVerifier().verify(method: vector.method, requestTarget: wireTarget, headers: []) { secrets[$0] }
            #expect(theirs.accessKeyId == inputs.accessKeyId)
            #expect(theirs.nonce == inputs.nonce)
        }
    }

    // MARK: - V3

    @Test(arguments: try Fixtures.signingVectors().cases)
    func v3DocMinimalHeaders(_ testCase: SigningVectors.Case) throws {
        let vector = testCase.v3.docMinimalHeaders
        let signed = try signV3(vector, inputs: testCase.inputs, policy: .documented)
        #expect(signed.canonicalQueryString == vector.canonicalQueryString)
        #expect(signed.canonicalHeaders == vector.canonicalHeaders)
        #expect(signed.signedHeaders == vector.signedHeaders)
        #expect(signed.hashedRequestPayload == vector.hashedRequestPayload)
        checkV3Result(signed, vector)
        for (name, value) in vector.allHeaders {
            #expect(signed.request.headerValue(named: name) == value, "header \(name)")
        }
        try verifyV3(signed, inputs: testCase.inputs)
    }

    @Test(arguments: try Fixtures.signingVectors().cases)
    func v3TeaSDKExact(_ testCase: SigningVectors.Case) throws {
        let vector = testCase.v3.teaSDKExact
        for policy in [V3SignedHeaderPolicy.documented(adding: ["accept", "user-agent"]), .allHeaders] {
            let signed = try signV3(vector, inputs: testCase.inputs, policy: policy)
            #expect(signed.canonicalQueryString == vector.canonicalQueryString)
            checkV3Result(signed, vector)
            try verifyV3(signed, inputs: testCase.inputs)
        }

        // The request exactly as the tea SDK put it on the wire (query with '+' for spaces) verifies too.
        let wire = try #require(vector.urlAsSent)
        var headers = vector.allHeaders.map { SignableRequest.Header($0.key, $0.value) }
        headers.append(SignableRequest.Header("Authorization", vector.authorization))
        let secrets = [testCase.inputs.accessKeyId: testCase.inputs.accessKeySecret]
        let verified = try SignatureVerifier().verify(
            method: vector.method,
            requestTarget: Self.target(ofURL: wire),
            headers: headers
        ) { secrets[$0] }
        #expect(verified.scheme == .v3)
        #expect(verified.signedHeaders.joined(separator: ";") == vector.authorization.firstMatch(of: /SignedHeaders=([^,]+)/)?.output.1.description)
    }

    private func signV3(_ vector: SigningVectors.V3, inputs: SigningVectors.Inputs, policy: V3SignedHeaderPolicy) throws -> V3SignedRequest {
        let headers = vector.allHeaders
        let request = Self.v3Request(method: vector.method, pathname: vector.pathname, query: vector.query, headers: headers)
        let credential = Credential(
            accessKeyId: inputs.accessKeyId,
            accessKeySecret: inputs.accessKeySecret,
            securityToken: inputs.securityToken
        )
        let date = try #require(SigningTimestamp.date(from: inputs.timestamp))
        return V3Signer(signedHeaderPolicy: policy).sign(request, with: credential, date: date, nonce: inputs.nonce)
    }

    private func checkV3Result(_ signed: V3SignedRequest, _ vector: SigningVectors.V3) {
        #expect(signed.canonicalRequest == vector.canonicalRequest)
        #expect(signed.hashedCanonicalRequest == vector.hashedCanonicalRequest)
        #expect(signed.stringToSign == vector.stringToSign)
        #expect(signed.signature == vector.signature)
        #expect(signed.authorization == vector.authorization)
        #expect(signed.request.headerValue(named: "authorization") == vector.authorization)
    }

    private func verifyV3(_ signed: V3SignedRequest, inputs: SigningVectors.Inputs) throws {
        let secrets = [inputs.accessKeyId: inputs.accessKeySecret]
        let verified = try SignatureVerifier().verify(signed.request) { secrets[$0] }
        #expect(verified.scheme == .v3)
        #expect(verified.accessKeyId == inputs.accessKeyId)
        #expect(verified.nonce == inputs.nonce)
        #expect(verified.timestamp == inputs.timestamp)
        #expect(verified.securityToken == inputs.securityToken)
    }

    // MARK: - Shape of the fixture

    @Test func fixtureHasEveryExpectedVector() throws {
        let fixtures = try Fixtures.signingVectors()
        #expect(fixtures.publishedVectors.count == 3)
        #expect(fixtures.cases.map(\.name) == [
            "basic-no-media", "with-media", "sts-with-media", "space-star-tilde",
            "plus-slash-equals-amp", "unicode-sts", "reserved-punctuation", "empty-media-id",
        ])
    }
}
