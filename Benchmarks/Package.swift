// swift-tools-version:6.0
import PackageDescription

// Benchmarks live in their own package (as in swift-log and swift-nio) so the main build and its CI
// never compile them. Run: Benchmarks/run.sh
let package = Package(
    name: "RamguardBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "ramguard", path: "..")],
    targets: [
        .executableTarget(
            name: "RamguardBenchmarks",
            dependencies: [.product(name: "RAMPolicy", package: "ramguard")],
            swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]
        ),
    ]
)
