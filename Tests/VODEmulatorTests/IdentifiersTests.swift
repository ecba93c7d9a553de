import Foundation
import Testing
@testable import VODEmulator

/// Request and task IDs keep the shapes Alibaba Cloud uses, and do not repeat.
@Suite struct IdentifiersTests {
    @Test("RequestId: an uppercase version-4 UUID; TaskId: 32 lowercase hex digits")
    func shapes() {
        var requestIds = Set<String>()
        var taskIds = Set<String>()
        for _ in 0..<500 {
            let requestId = Identifiers.requestId()
            let bytes = Array(requestId.utf8)
            #expect(bytes.count == 36)
            #expect([8, 13, 18, 23].allSatisfy { bytes[$0] == UInt8(ascii: "-") })
            #expect(bytes[14] == UInt8(ascii: "4"))
            #expect("89AB".utf8.contains(bytes[19]))
            #expect(requestId.replacingOccurrences(of: "-", with: "").allSatisfy { $0.isHexDigit && !$0.isLowercase })
            let taskId = Identifiers.taskId()
            #expect(taskId.utf8.count == 32)
            #expect(taskId.allSatisfy { $0.isHexDigit && !$0.isUppercase })
            requestIds.insert(requestId)
            taskIds.insert(taskId)
        }
        #expect(requestIds.count == 500 && taskIds.count == 500)
    }
}
