import Foundation
import RAMPolicy
import Reporting

/// `check --requests`: validates the policies once, then streams decisions as JSON lines.
public enum BatchCommandRunner {
    /// Returns the exit code. An invalid policy set prints one `Invalid` report and exits 2.
    public static func run(inputs: PolicyInputs, requestsPath: String, action: String, resource: String,
                           strict: Bool, writer: ReportWriter) throws(RamguardError) -> Int32 {
        let loaded = try inputs.load(strict: strict)
        guard loaded.isValid else {
            let report = CheckRunner.report(loaded: loaded, action: action, resource: resource, context: RequestContext(),
                                            userKeys: [], principal: nil, command: "check")
            // The invalid-policy report is one JSON object, like every line of batch output.
            try ReportWriter(format: .json, outputPath: writer.outputPath).write(report)
            return ExitStatus.invalid
        }
        let input: [UInt8]
        if requestsPath == "-" {
            input = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        } else {
            guard let data = FileManager.default.contents(atPath: requestsPath) else {
                throw .unreadable(path: requestsPath, reason: "no such file, or it cannot be read")
            }
            input = [UInt8](data)
        }
        let runner = BatchRunner(authorizer: loaded.authorizer(), defaultAction: action, defaultResource: resource,
                                 now: Timestamp.rfc3339())
        var fileOutput: [UInt8] = []
        let summary = runner.run(input: input) { chunk in
            if writer.outputPath == nil { StandardStreams.writeOut(chunk) } else { fileOutput += chunk }
        }
        if writer.outputPath != nil { try writer.write(bytes: fileOutput) }
        if summary.requests == 0 {
            throw .usage("\(requestsPath) holds no requests; write one JSON object per line: {\"action\":\"vod:SubmitWorkflowJob\",\"resource\":\"*\",\"context\":{\"acs:SourceIp\":\"203.0.113.7\"}}")
        }
        if summary.invalid > 0 { return ExitStatus.invalid }
        return summary.denied > 0 ? ExitStatus.denied : ExitStatus.allowed
    }
}
