import AlibabaCloud
import Foundation
import Preflight
import Testing

@Suite("endpoint and parameter checks")
struct EndpointAndParameterTests {
    @Test("a documented region derives its HTTPS endpoint")
    func region() {
        let result = Preflight.run(Sample.input(target: .region("ap-southeast-1")))
        #expect(result.check(PreflightCheckID.endpoint)?.status == .pass)
        #expect(result.endpoint == ServiceEndpoint(httpsHost: "vod.ap-southeast-1.aliyuncs.com"))
    }

    @Test("cn-hangzhou goes to Shanghai, as the SDK does")
    func alias() {
        let result = Preflight.run(Sample.input(target: .region("cn-hangzhou")))
        #expect(result.endpoint?.host == "vod.cn-shanghai.aliyuncs.com")
        #expect(result.check(PreflightCheckID.endpoint)?.message.contains("cn-hangzhou has no VOD endpoint of its own") == true)
    }

    @Test("unknown, deactivated, malformed and missing regions fail with a remedy", arguments: [
        TargetSpec.region("mars-north-1"), .region("ap-south-1"), .region("CN_SHANGHAI"), .missing,
    ])
    func badRegion(target: TargetSpec) {
        let check = Sample.check(PreflightCheckID.endpoint, Sample.input(target: target))
        #expect(check.status == .fail)
        #expect(check.remedy?.isEmpty == false)
        #expect(check.severity == .blocking)
    }

    @Test("an unknown region's remedy offers the derived host")
    func derivedHost() {
        let check = Sample.check(PreflightCheckID.endpoint, Sample.input(target: .region("mars-north-1")))
        #expect(check.remedy?.contains("--endpoint https://vod.mars-north-1.aliyuncs.com") == true)
    }

    @Test("--endpoint: https anywhere, http only on loopback")
    func endpoint() {
        #expect(Sample.check(PreflightCheckID.endpoint, Sample.input(target: .endpoint("https://vod.cn-beijing.aliyuncs.com"))).status == .pass)
        let local = Preflight.run(Sample.input(target: .endpoint("http://127.0.0.1:8080")))
        #expect(local.check(PreflightCheckID.endpoint)?.status == .pass)
        #expect(local.check(PreflightCheckID.endpoint)?.message.contains("acs:SecureTransport=false") == true)
        let remote = Sample.check(PreflightCheckID.endpoint, Sample.input(target: .endpoint("http://example.com")))
        #expect(remote.status == .fail)
        #expect(remote.remedy?.contains("https://") == true)
    }

    @Test("WorkflowId: required, 32 hex characters; uppercase warns")
    func workflow() {
        #expect(Sample.check(PreflightCheckID.workflowId, Sample.input()).status == .pass)
        #expect(Sample.check(PreflightCheckID.workflowId, Sample.input(workflowId: "")).status == .fail)
        #expect(Sample.check(PreflightCheckID.workflowId, Sample.input(workflowId: "34d577eade633860bdf1237****")).status == .fail)
        #expect(Sample.check(PreflightCheckID.workflowId, Sample.input(workflowId: Sample.workflow.uppercased())).status == .warn)
    }

    @Test("MediaId: optional; malformed fails, empty warns")
    func media() {
        #expect(Sample.check(PreflightCheckID.mediaId, Sample.input()).status == .pass)
        #expect(Sample.check(PreflightCheckID.mediaId, Sample.input(mediaId: Sample.media)).status == .pass)
        #expect(Sample.check(PreflightCheckID.mediaId, Sample.input(mediaId: "not a video id")).status == .fail)
        #expect(Sample.check(PreflightCheckID.mediaId, Sample.input(mediaId: "")).status == .warn)
    }
}
