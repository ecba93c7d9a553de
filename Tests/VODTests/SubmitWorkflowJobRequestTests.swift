import AlibabaCloud
import Foundation
import Testing
import VOD

@Suite struct SubmitWorkflowJobRequestTests {
    static let workflow = "34d577eade633860bdf1237a2b1f8c9e"
    static let media = "058b39e75269da42b08f00459e7a4c21"

    @Test func wellFormedIdsHaveNoIssues() throws {
        let request = SubmitWorkflowJobRequest(workflowId: Self.workflow, mediaId: Self.media)
        #expect(request.issues.isEmpty)
        #expect(try request.validated() == request)
        #expect(SubmitWorkflowJobRequest(workflowId: Self.workflow).issues.isEmpty)
    }

    @Test func anEmptyWorkflowIdIsAnError() {
        let issues = SubmitWorkflowJobRequest(workflowId: "").issues
        #expect(issues.map(\.rule) == [.workflowIdRequired])
        #expect(issues.first?.severity == .error)
        #expect(issues.first?.message.contains("MissingWorkflowId") == true)
    }

    @Test(arguments: [
        ("34d577eade633860bdf1237****", "has 27 characters"),
        ("34d577eade633860bdf1237a2b1f8c9e ", "whitespace"),
        ("zzd577eade633860bdf1237a2b1f8c9e", "other than 0-9 and a-f"),
        ("34d577eade633860bdf1237a2b1f8c9e00", "has 34 characters"),
    ])
    func malformedWorkflowIdsAreErrors(id: String, problem: String) {
        let issues = SubmitWorkflowJobRequest(workflowId: id).issues
        #expect(issues.map(\.rule) == [.workflowIdFormat])
        #expect(issues.first?.severity == .error)
        #expect(issues.first?.message.contains(problem) == true, "\(issues)")
        #expect(issues.first?.parameter == "WorkflowId")
    }

    @Test func mediaIdRules() {
        let empty = SubmitWorkflowJobRequest(workflowId: Self.workflow, mediaId: "").issues
        #expect(empty.map(\.rule) == [.mediaIdEmpty])
        #expect(empty.first?.severity == .warning)
        let bad = SubmitWorkflowJobRequest(workflowId: Self.workflow, mediaId: "058b39e75269 da42*b08f~00459/é").issues
        #expect(bad.map(\.rule) == [.mediaIdFormat])
        #expect(bad.first?.severity == .error)
    }

    @Test func uppercaseIdsAreOnlyWarnings() throws {
        let request = SubmitWorkflowJobRequest(workflowId: Self.workflow.uppercased(), mediaId: Self.media.uppercased())
        #expect(request.issues.map(\.rule) == [.idLowercase, .idLowercase])
        #expect(request.issues.allSatisfy { $0.severity == .warning })
        #expect(try request.validated() == request)
    }

    @Test func validatedThrowsWithEveryIssue() {
        do {
            _ = try SubmitWorkflowJobRequest(workflowId: "", mediaId: "").validated()
            Issue.record("expected an error")
        } catch {
            #expect(error.issues.count == 2)
            #expect(error.errors.count == 1)
            #expect(error.description.contains("WorkflowId"))
        }
    }

    @Test func messagesQuoteValuesBoundedAndEscaped() {
        let issue = SubmitWorkflowJobRequest(workflowId: "a\nb" + String(repeating: "c", count: 100)).issues.first
        #expect(issue?.message.contains("\\u{a}") == true)
        #expect(issue?.message.contains("…") == true)
        #expect(issue?.message.contains("\n") == false)
    }

    @Test func v1RequestsCarryTheCommonParametersInTheQuery() {
        let request = SubmitWorkflowJobRequest(workflowId: Self.workflow, mediaId: Self.media)
            .signableRequest(host: "vod.cn-shanghai.aliyuncs.com", scheme: .rpcV1)
        #expect(request.method == "POST")
        #expect(request.path == "/")
        #expect(request.body.isEmpty)
        #expect(request.headers.isEmpty)
        #expect(request.query.map(\.name) == ["Action", "Version", "Format", "WorkflowId", "MediaId"])
        #expect(request.query.map(\.value) == ["SubmitWorkflowJob", "2017-03-21", "JSON", Self.workflow, Self.media])
        let signed = RPCV1Signer().sign(request, with: Credential(accessKeyId: "LTAI-NOT-A-REAL-KEY-Id", accessKeySecret: "s"))
        #expect(signed.request.query.contains { $0.name == "Signature" })
        #expect(!signed.request.query.contains { $0.name == "RegionId" })
    }

    @Test func v3RequestsPutTheActionInHeaders() {
        let request = SubmitWorkflowJobRequest(workflowId: Self.workflow)
            .signableRequest(host: "vod.cn-shanghai.aliyuncs.com", scheme: .v3)
        #expect(request.query.map(\.name) == ["WorkflowId"])
        #expect(request.headerValue(named: "x-acs-action") == "SubmitWorkflowJob")
        #expect(request.headerValue(named: "x-acs-version") == "2017-03-21")
        let xml = SubmitWorkflowJobRequest(workflowId: Self.workflow)
            .signableRequest(host: "vod.cn-shanghai.aliyuncs.com", scheme: .v3, format: .xml)
        #expect(xml.query.map(\.name) == ["WorkflowId", "Format"])
    }

    /// Reference §3.4: case `with-media`, headers as the doc requires, gives this exact Authorization.
    @Test func theV3ShapeReproducesThePublishedSubmitWorkflowJobVector() throws {
        let request = SubmitWorkflowJobRequest(workflowId: Self.workflow, mediaId: Self.media)
            .signableRequest(host: "vod.cn-shanghai.aliyuncs.com", scheme: .v3)
        let date = try #require(SigningTimestamp.date(from: "2025-01-15T08:30:01Z"))
        let signed = V3Signer().sign(
            request, with: Credential(accessKeyId: "LTAI-NOT-A-REAL-KEY-Id", accessKeySecret: "ExampleAccessKeySecret01234567"),
            date: date, nonce: "d410180a5abf7fe235dd9b74aca91fc0")
        #expect(signed.authorization == "ACS3-HMAC-SHA256 Credential=LTAI-NOT-A-REAL-KEY-Id,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=aae9cc24821f54cfd14050d675ef1d4d4b3250c2ac64b3a30ba8d07107d5d6db")
    }

    @Test func responseFormatsParseCaseInsensitively() {
        #expect(ResponseFormat(parameterValue: "json") == .json)
        #expect(ResponseFormat(parameterValue: "XML") == .xml)
        #expect(ResponseFormat(parameterValue: "yaml") == nil)
        #expect(ResponseFormat.xml.contentType == "text/xml;charset=utf-8")
    }
}
