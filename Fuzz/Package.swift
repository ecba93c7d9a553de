// swift-tools-version:6.0
import PackageDescription

// The libFuzzer target for ramguard's policy parser, validator and evaluator. It lives in its own
// package (like Benchmarks/) so that the main build and CI never compile it: it only links with the
// sanitizer flags. Run it with scripts/fuzz [seconds], which builds it as
//   swift build -c debug --package-path Fuzz -Xswiftc -sanitize=fuzzer,address
let package = Package(
    name: "RamguardFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "ramguard", path: "..")],
    targets: [
        .executableTarget(
            name: "FuzzPolicy",
            dependencies: [.product(name: "RAMPolicy", package: "ramguard")]
        ),
    ]
)
