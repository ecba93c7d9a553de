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
        // Signed SubmitWorkflowJob submissions per second against the local VOD emulator over loopback
        // HTTP: the project's own client path (signer + RetryingSender + HTTPClientTransport), the whole
        // in-process SubmitRunner, and (labelled) the emulator's capacity with a keep-alive raw client.
        // VODEmulator and VOD are not products of the main package, so the emulator runs as the
        // `ramguard emulator` child process (its own process, as in use) and the VOD request shape is
        // rebuilt here.
        .executableTarget(
            name: "SubmitBenchmarks",
            dependencies: [
                .product(name: "AlibabaCloud", package: "ramguard"),
                .product(name: "AlibabaCloudHTTPClient", package: "ramguard"),
                .product(name: "RamguardKit", package: "ramguard"),
                .product(name: "Reporting", package: "ramguard"),
            ]
        ),
    ]
)
