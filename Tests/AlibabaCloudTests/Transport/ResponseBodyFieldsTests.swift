@testable import AlibabaCloud
import Testing

/// The byte-level reading of flat JSON success bodies gives what ``ResponseFields`` gives, and every body
/// outside the narrow flat form is left to it.
@Suite("ResponseBodyFields")
struct ResponseBodyFieldsTests {
    static let bodies = [
        #"{"RequestId":"A01C8FF4-C106-4431-8F97-3DADB7C1D2E3","TaskId":"0f1e2d3c4b5a69788796a5b4c3d2e1f0"}"#,
        #"{"TaskId":""}"#, "{}", #"{"requestid":"r","TASKID":"t/x"}"#, #"{ "TaskId": "spaced" }"#,
        #"{"TaskId":"esc\"aped"}"#, #"{"TaskId":"caf\u00e9"}"#, #"{"TaskId":7}"#, #"{"Error":{"Code":"X","RequestId":"r"}}"#,
        #"{"TaskId":"t",}"#, #"{"TaskId":"t""#, #"{"TaskId""t"}"#, #"{"TaskId":"t"}x"#, #"["TaskId"]"#, "",
        "<SubmitWorkflowJobResponse><RequestId>r</RequestId><TaskId>t</TaskId></SubmitWorkflowJobResponse>", "not a body",
        "{\"TaskId\":\"tab\there\"}", "{\"Task\u{E9}\":\"v\"}",
    ]

    @Test("same answers as ResponseFields", arguments: bodies)
    func sameAnswers(_ text: String) {
        let body = Array(text.utf8)
        let fast = ResponseBodyFields(body: body)
        let reference = ResponseFields(body: body)
        #expect((fast == nil) == (reference == nil), "\(text)")
        for name in ["TaskId", "taskid", "RequestId", "Code", "a", "Message", "Task\u{E9}"] {
            #expect(fast?.value(name) == reference?.value(name), "\(text) \(name)")
        }
    }

    @Test("the flat path is taken for a success body, and not for anything doubtful")
    func fastPathScope() {
        #expect(ResponseBodyFields.flatObject(Array(Self.bodies[0].utf8))?.count == 2)
        #expect(ResponseBodyFields.flatObject(Array(#"{"a":"1","A":"2"}"#.utf8)) == nil)
        #expect(ResponseBodyFields.flatObject(Array(#"{ "TaskId": "spaced" }"#.utf8)) == nil)
        #expect(ResponseBodyFields.flatObject(Array(#"{"TaskId":"esc\"aped"}"#.utf8)) == nil)
    }
}
