import AlibabaCloud
import Foundation
import Testing
import VOD
import VODEmulator

/// Parameter checks, routing, and JSON/XML bodies.
@Suite struct ParameterAndFormatTests {
    @Test(arguments: [SignatureScheme.v3, .rpcV1])
    func aMissingWorkflowIdIsMissingWorkflowId(scheme: SignatureScheme) async throws {
        let harness = try await Harness.start(try Harness.configuration())
        var request = SubmitWorkflowJobRequest(workflowId: TestKeys.workflow).signableRequest(host: harness.host, scheme: scheme)
        request.query.removeAll { $0.name == "WorkflowId" }
        let signed = scheme == .v3
            ? V3Signer().sign(request, with: TestKeys.longTerm).request
            : RPCV1Signer().sign(request, with: TestKeys.longTerm).request
        let response = try await harness.response(signed)
        #expect(response.status == 400)
        let error = try response.errorBody()
        #expect(error.code == "MissingWorkflowId")
        #expect(error.message?.contains("\"WorkflowId\"") == true)
        await harness.stop()
    }

    @Test func anUnknownWorkflowIsNotFound() async throws {
        let harness = try await Harness.start(try Harness.configuration())
        let response = try await harness.response(harness.signed(SubmitWorkflowJobRequest(workflowId: TestKeys.otherWorkflow)))
        #expect(response.status == 404)
        #expect(try response.errorBody().code == AlibabaErrorCode.invalidWorkflowNotFound.code)
        #expect(await harness.emulator.jobs().isEmpty)
        await harness.stop()
    }

    @Test func anotherActionIsNotFound() async throws {
        let harness = try await Harness.start(try Harness.configuration())
        var request = SubmitWorkflowJobRequest(workflowId: TestKeys.workflow).signableRequest(host: harness.host, scheme: .v3)
        request.setHeader("x-acs-action", "DeleteVideo")
        let response = try await harness.response(V3Signer().sign(request, with: TestKeys.longTerm).request)
        #expect(response.status == 404)
        #expect(try response.errorBody().code == "InvalidApi.NotFound")
        await harness.stop()
    }

    @Test(arguments: [SignatureScheme.v3, .rpcV1])
    func anXMLSuccessBodyParses(scheme: SignatureScheme) async throws {
        let harness = try await Harness.start(try Harness.configuration())
        let response = try await harness.response(harness.signed(scheme: scheme, format: .xml))
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "text/xml;charset=utf-8")
        #expect(response.text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
        let document = try XMLBodyReader.read(response.body)
        #expect(document.rootName == "SubmitWorkflowJobResponse")
        let body = try response.success()
        #expect(VODIdentifier.isCanonical(body.taskId))
        #expect(await harness.emulator.jobs().first?.taskId == body.taskId)
        await harness.stop()
    }

    @Test func anXMLDenialCarriesAccessDeniedDetail() async throws {
        let harness = try await Harness.start(try Harness.configuration(policies: [Policies.allowOtherAction]))
        let response = try await harness.response(harness.signed(scheme: .rpcV1, format: .xml))
        #expect(response.status == 403)
        let document = try XMLBodyReader.read(response.body)
        #expect(document.rootName == "Error")
        #expect(document.groups["AccessDeniedDetail"]?["NoPermissionType"] == "ImplicitDeny")
        let error = try response.errorBody()
        #expect(error.code == "Forbidden.RAM")
        #expect(error.accessDeniedDetail?.policyType == "AccountLevelIdentityBasedPolicy")
        await harness.stop()
    }

    @Test func theDefaultFormatIsConfigurable() async throws {
        let harness = try await Harness.start(try Harness.configuration(defaultFormat: .xml))
        var request = SubmitWorkflowJobRequest(workflowId: TestKeys.workflow).signableRequest(host: harness.host, scheme: .v3)
        request.query.removeAll { $0.name == "Format" }
        let response = try await harness.response(V3Signer().sign(request, with: TestKeys.longTerm).request)
        #expect(response.header("Content-Type") == "text/xml;charset=utf-8")
        await harness.stop()
    }

    @Test func anInvalidFormatIsInvalidParameter() async throws {
        let harness = try await Harness.start(try Harness.configuration())
        var request = SubmitWorkflowJobRequest(workflowId: TestKeys.workflow).signableRequest(host: harness.host, scheme: .rpcV1)
        request.query.removeAll { $0.name == "Format" }
        request.query.append(SignableRequest.Parameter("Format", "YAML"))
        let response = try await harness.response(RPCV1Signer().sign(request, with: TestKeys.longTerm).request)
        #expect(response.status == 400)
        #expect(try response.errorBody().code == "InvalidParameter")
        await harness.stop()
    }

    @Test func theXMLReaderRefusesDoctypes() {
        let hostile = #"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><Error><Code>&a;</Code></Error>"#
        #expect(throws: XMLBodyReader.Failure.self) { try XMLBodyReader.read(Array(hostile.utf8)) }
        #expect(throws: XMLBodyReader.Failure.self) { try XMLBodyReader.read(Array("<Error><Code>x</Code>".utf8)) }
        let document = try? XMLBodyReader.read(Array("<Error><Code>A &amp; B</Code></Error>".utf8))
        #expect(document?.values["Code"] == "A & B")
    }

    @Test func thePipelineRunsWithoutASocket() async throws {
        let harness = try await Harness.start(try Harness.configuration())
        let signed = harness.signed(scheme: .rpcV1)
        let outcome = try await harness.emulator.handle(IncomingRequest(
            method: signed.method, target: signed.requestTarget, headers: [.init("Host", harness.host)], peerAddress: "127.0.0.1"))
        guard case .respond(let response) = outcome else {
            Issue.record("expected a response")
            return
        }
        #expect(response.status == 200)
        #expect(response.header("x-acs-request-id") != nil)
        await harness.stop()
    }
}
