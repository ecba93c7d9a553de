import ArgumentParser
import RamguardKit

/// Where and how a verb writes its report.
public struct OutputArguments: ParsableArguments {
    @Option(help: "Report format: text, json, xml, junit, sarif or html.")
    public var format: ReportFormat = .text

    @Option(name: .long, help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    public var output: String?

    public init() {}

    public var writer: ReportWriter { ReportWriter(format: format, outputPath: output) }
}
