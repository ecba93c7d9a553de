import ArgumentParser
import RamguardKit

/// Where and how a verb writes its report.
struct OutputArguments: ParsableArguments {
    @Option(help: "Report format: text, json, xml, junit, sarif or html.")
    var format: ReportFormat = .text

    @Option(name: .long, help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var output: String?

    var writer: ReportWriter { ReportWriter(format: format, outputPath: output) }
}
