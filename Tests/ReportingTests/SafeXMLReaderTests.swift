import Foundation
import Reporting
import Testing
import XMLKit

@Suite("SafeXMLReader")
struct SafeXMLReaderTests {
    let reader = SafeXMLReader()

    @Test("parses an Alibaba Cloud error body with AccessDeniedDetail")
    func alibabaErrorBody() throws {
        let root = try reader.parse(try fixture("alibaba-error-access-denied.xml"))
        #expect(root.name == "Error")
        #expect(root.namespaceURI == nil)
        #expect(root.text == "")
        #expect(root.line == 2)
        #expect(root.children.map(\.name) == ["RequestId", "HostId", "Code", "Message", "Recommend", "AccessDeniedDetail"])
        #expect(root.childText("RequestId") == "7E2B5A4C-1F3D-5E6A-9B8C-0D1E2F3A4B5C")
        #expect(root.childText("HostId") == "vod.cn-shanghai.aliyuncs.com")
        #expect(root.childText("Code") == "Forbidden.RAM")
        #expect(root.childText("Message") == "User not authorized to operate on the specified resource, or this API doesn't support RAM. 您没有权限执行此操作 & 请联系管理员")
        #expect(root.childText("Recommend") == "https://api.aliyun.com/troubleshoot?q=Forbidden.RAM&product=vod")

        let detail = try #require(root.child("AccessDeniedDetail"))
        #expect(detail.childText("AuthAction") == "vod:SubmitWorkflowJob")
        #expect(detail.childText("AuthPrincipalType") == "SubUser")
        #expect(detail.childText("NoPermissionType") == "ExplicitDeny")
        #expect(detail.childText("PolicyType") == "AccountLevelIdentityBasedPolicy")
        #expect(detail.childText("EncodedDiagnosticMessage") == "AQEAAAAAaHR0cHM6Ly9leGFtcGxl")
        #expect(detail.child("Missing") == nil)
    }

    @Test("parses the compact error body the VOD API sends")
    func compactErrorBody() throws {
        let body = #"<?xml version="1.0" encoding="UTF-8"?><Error><RequestId>ERR-XML-1</RequestId><HostId>vod.cn-shanghai.aliyuncs.com</HostId><Code>InvalidParameter</Code><Message>The specified parameter "WorkflowId" is not valid.</Message></Error>"#
        let root = try reader.parse(body)
        #expect(root.childText("Code") == "InvalidParameter")
        #expect(root.childText("Message") == #"The specified parameter "WorkflowId" is not valid."#)
    }

    @Test("the XXE document is refused because of its DOCTYPE; the file is never read")
    func xxeRefused() throws {
        let error = #expect(throws: XMLReadError.self) { try reader.parse(try fixture("xxe.xml")) }
        #expect(error?.kind == .doctypeForbidden)
        #expect(error?.line == 2)
        #expect(error?.message.contains("DOCTYPE") == true)

        let inline = #"<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/hostname">]><r>&xxe;</r>"#
        let inlineError = #expect(throws: XMLReadError.self) { try reader.parse(inline) }
        #expect(inlineError?.kind == .doctypeForbidden)
        #expect(inlineError?.line == 1)
    }

    @Test("billion laughs is refused quickly, before any entity is expanded")
    func billionLaughsRefused() throws {
        let start = ContinuousClock.now
        let error = #expect(throws: XMLReadError.self) { try reader.parse(try fixture("billion-laughs.xml")) }
        #expect(error?.kind == .doctypeForbidden)
        #expect(ContinuousClock.now - start < .seconds(2))
    }

    @Test("any DOCTYPE is refused, even a harmless or external one", arguments: [
        "<!DOCTYPE r><r/>",
        #"<!DOCTYPE r SYSTEM "http://example.invalid/r.dtd"><r/>"#,
        #"<?xml version="1.0"?><!DOCTYPE r PUBLIC "-//X//DTD X//EN" "r.dtd"><r/>"#,
        #"<!DOCTYPE r [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]><r/>"#,
    ])
    func anyDoctypeRefused(document: String) {
        let error = #expect(throws: XMLReadError.self) { try reader.parse(document) }
        #expect(error?.kind == .doctypeForbidden)
    }

    @Test("malformed input is reported with line and column")
    func malformedWithPosition() throws {
        let error = #expect(throws: XMLReadError.self) { try reader.parse("<a>\n  <b>\n</a>\n") }
        #expect(error?.kind == .malformed)
        #expect(error?.line == 3)
        #expect((error?.column ?? 0) > 0)
        #expect(error?.message.contains("mismatch") == true)
        #expect(error?.message.hasSuffix("\n") == false)
        #expect(error.map { "\($0)" }?.hasPrefix("line 3, column ") == true)

        let oneLine = #expect(throws: XMLReadError.self) { try reader.parse("<a><b></a>") }
        #expect(oneLine?.line == 1)
        #expect(oneLine?.column == 11)
    }

    @Test("every kind of malformed input is refused", arguments: [
        "",
        "plain text",
        "<a>",
        "<a></b>",
        "<a/><b/>",
        "<a>&undefined;</a>",
        "<a>&#1;</a>",
        "<a b='1' b='2'/>",
        "<x:a/>",
        "<a>]]></a>",
        "<?xml version=\"1.0\"?>",
    ])
    func malformedInputs(document: String) {
        let error = #expect(throws: XMLReadError.self) { try reader.parse(document) }
        #expect(error?.kind == .malformed, "\(document)")
        #expect(error?.line != nil, "\(document)")
    }

    @Test("invalid UTF-8 is refused")
    func invalidUTF8() {
        let error = #expect(throws: XMLReadError.self) { try reader.parse([0x3C, 0x61, 0x3E, 0xC3, 0x28, 0xFF, 0x3C, 0x2F, 0x61, 0x3E]) }
        #expect(error?.kind == .malformed)
    }

    @Test("input over the size limit is refused without parsing")
    func sizeLimit() throws {
        let small = SafeXMLReader(maxBytes: 16)
        #expect(try small.parse("<a>0123456</a>").text == "0123456")  // 14 bytes
        let error = #expect(throws: XMLReadError.self) { try small.parse("<a>0123456789</a>") }
        #expect(error?.kind == .tooLarge)
        #expect(SafeXMLReader().maxBytes == SafeXMLReader.defaultMaxBytes)
    }

    @Test("entities, character references, CDATA, attributes, namespaces and comments")
    func contentModel() throws {
        let root = try reader.parse("""
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- a comment -->
            <r:root xmlns:r="urn:example" xmlns:x="urn:x" id="7" x:lang="zh" quote="&quot;&apos;&lt;">
              <item>&lt;&amp;&gt;&#x4E2D;&#25991;<![CDATA[<raw & text>]]><!-- hidden --><?pi data?>!</item>
              <empty/>
              <spaced>  keep  </spaced>
            </r:root>
            """)
        #expect(root.name == "root")
        #expect(root.namespaceURI == "urn:example")
        #expect(root.attributes == ["id": "7", "x:lang": "zh", "quote": "\"'<"])
        #expect(root.text == "")
        #expect(root.children.map(\.name) == ["item", "empty", "spaced"])
        #expect(root.childText("item") == "<&>中文<raw & text>!")
        #expect(root.childText("empty") == "")
        #expect(root.childText("spaced") == "  keep  ")
        #expect(root.child("spaced")?.line == 6)
        #expect(root.children(named: "item").count == 1)
    }

    @Test("other encodings declared by the document are honoured")
    func declaredEncoding() throws {
        // "café" in ISO-8859-1
        let bytes: [UInt8] = Array(#"<?xml version="1.0" encoding="ISO-8859-1"?><a>caf"#.utf8) + [0xE9] + Array("</a>".utf8)
        #expect(try reader.parse(bytes).text == "café")
    }

    @Test("deep nesting is bounded by libxml2's depth limit instead of exhausting the stack")
    func deepNesting() {
        let depth = 10_000
        let document = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        let error = #expect(throws: XMLReadError.self) { try SafeXMLReader(maxBytes: 1 << 20).parse(document) }
        #expect(error?.kind == .malformed)
    }

    @Test("readers work concurrently")
    func concurrentReads() async throws {
        let body = try fixture("alibaba-error-access-denied.xml")
        let expected = try reader.parse(body)
        let results = try await withThrowingTaskGroup(of: XMLElementNode.self) { group in
            for _ in 0..<32 {
                group.addTask { try SafeXMLReader().parse(body) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 32)
        #expect(results.allSatisfy { $0 == expected })
    }
}
