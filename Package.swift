// swift-tools-version:6.0
import PackageDescription

/// Settings every ramguard target is compiled with: Swift 6 language mode (strict concurrency) plus the
/// upcoming features the house-style packages (swift-log, Hummingbird) enable from day one.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

/// How the two executables are linked on Linux: with lld and packed relative relocations (`DT_RELR`,
/// glibc 2.36+). The static Swift runtime gives ~88,000 relative relocations; as classic `RELA` entries
/// the dynamic loader applied each at start and copied every relocated page (~3 ms of a ~11 ms `ramguard
/// check`, BENCHMARKS.md); packed, start-up stays position independent (ASLR) at a fraction of the cost.
let executableLinkerSettings: [LinkerSetting] = [
    .unsafeFlags(["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"], .when(platforms: [.linux])),
]

let package = Package(
    name: "ramguard",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "RAMPolicy", targets: ["RAMPolicy"]),
        .library(name: "Reporting", targets: ["Reporting"]),
        .library(name: "XMLKit", targets: ["XMLKit"]),
        .library(name: "AlibabaCloud", targets: ["AlibabaCloud"]),
        .library(name: "AlibabaCloudHTTPClient", targets: ["AlibabaCloudHTTPClient"]),
        .library(name: "Preflight", targets: ["Preflight"]),
        .library(name: "ActionCatalog", targets: ["ActionCatalog"]),
        .library(name: "Analysis", targets: ["Analysis"]),
        .library(name: "RamguardKit", targets: ["RamguardKit"]),
        .executable(name: "ramguard", targets: ["ramguard"]),
        .executable(name: "ramguard-cloud", targets: ["RamguardCloud"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // The RAM policy language: text → located JSON → validated Policy → compiled form → decision.
        // Knows nothing of files, HTTP, XML or the command line.
        // The UTC calendar by arithmetic: instants as RAM conditions and Alibaba Cloud's signatures write them.
        .target(name: "UTCCalendar", swiftSettings: strictSettings),
        .target(name: "RAMPolicy", dependencies: ["UTCCalendar"], swiftSettings: strictSettings),
        // The bundled, versioned catalogue of VOD RAM actions and regions: wildcard expansion, typo hints.
        .target(
            name: "ActionCatalog",
            dependencies: ["RAMPolicy"],
            resources: [.copy("Resources")],
            swiftSettings: strictSettings
        ),
        // Static analysis over validated policies: lint findings, the condition space an action is granted
        // in (`explain`), and what changed between two policy sets (`diff`). No files, no output formats.
        .target(name: "Analysis", dependencies: ["RAMPolicy", "ActionCatalog"], swiftSettings: strictSettings),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // libxml2 behind Swift types: the safe reader for untrusted XML (no network, no entities, no DTD).
        .target(name: "XMLKit", dependencies: ["CLibXML2"], swiftSettings: strictSettings),
        // The report model and its encoders (JSON, XML through libxml2, text).
        .target(
            name: "Reporting",
            dependencies: ["RAMPolicy", "CLibXML2", "XMLKit"],
            resources: [.copy("Schemas")],
            swiftSettings: strictSettings
        ),
        // The Alibaba Cloud API side: credentials and their provider chain, request signing (V3, RPC V1).
        // Knows nothing of RAM policies.
        .target(
            name: "AlibabaCloud",
            dependencies: ["XMLKit", "UTCCalendar", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings
        ),
        // The HTTP transport directly on SwiftNIO (NIOHTTP1 codecs, NIOSSL): a process-wide keep-alive pool,
        // one request per connection at a time. Apart so that only the executable that calls Alibaba Cloud
        // links SwiftNIO and BoringSSL.
        .target(
            name: "AlibabaCloudHTTPClient",
            dependencies: [
                "AlibabaCloud",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strictSettings
        ),
        // The ApsaraVideo VOD SubmitWorkflowJob operation (request, response, parameter rules) and the
        // catalogue of VOD regions and endpoints.
        .target(name: "VOD", dependencies: ["AlibabaCloud"], swiftSettings: strictSettings),
        // A local VOD endpoint on loopback: verifies signatures, evaluates the caller's RAM policies with
        // the ramguard engine, records jobs durably, injects faults. For rehearsals and tests.
        .target(
            name: "VODEmulator",
            dependencies: [
                "VOD", "AlibabaCloud", "RAMPolicy", "CLibXML2",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        // Named checks run before a call: credentials, region/endpoint, parameters, clock, RAM policies.
        .target(name: "Preflight", dependencies: ["AlibabaCloud", "VOD", "RAMPolicy"], swiftSettings: strictSettings),
        // What the verbs do: load policy files, run checks, build reports. The CLI only parses arguments.
        .target(
            name: "RamguardKit",
            dependencies: ["RAMPolicy", "Reporting", "AlibabaCloud", "VOD", "Preflight", "ActionCatalog", "Analysis"],
            swiftSettings: strictSettings
        ),
        // What both executables share: the entry point that maps every failure to the documented exit codes,
        // and the output options.
        .target(
            name: "RamguardCommandLine",
            dependencies: ["RamguardKit", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strictSettings
        ),
        // `ramguard`: check, lint, audit, explain, diff; hands submit, preflight and emulator to ramguard-cloud.
        .executableTarget(
            name: "ramguard",
            dependencies: [
                "RamguardKit", "RamguardCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings,
            linkerSettings: executableLinkerSettings
        ),
        // `ramguard-cloud`: submit, preflight and emulator, the verbs that talk HTTP (SwiftNIO, NIOSSL).
        .executableTarget(
            name: "RamguardCloud",
            dependencies: [
                "RamguardKit", "VODEmulator", "AlibabaCloud", "AlibabaCloudHTTPClient", "RamguardCommandLine", "RAMPolicy",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings,
            linkerSettings: executableLinkerSettings
        ),
        .testTarget(name: "UTCCalendarTests", dependencies: ["UTCCalendar"], swiftSettings: strictSettings),
        .testTarget(name: "RAMPolicyTests", dependencies: ["RAMPolicy"], swiftSettings: strictSettings),
        .testTarget(name: "ActionCatalogTests", dependencies: ["ActionCatalog", "RAMPolicy"], swiftSettings: strictSettings),
        .testTarget(
            name: "AnalysisTests",
            dependencies: ["Analysis", "ActionCatalog", "RAMPolicy"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ReportingTests",
            dependencies: ["Reporting", "RAMPolicy", "CLibXML2", "XMLKit"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AlibabaCloudTests",
            dependencies: ["AlibabaCloud", "AlibabaCloudHTTPClient"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "VODTests", dependencies: ["VOD"], swiftSettings: strictSettings),
        .testTarget(
            name: "VODEmulatorTests",
            dependencies: ["VODEmulator", "VOD", "AlibabaCloud", "RAMPolicy"],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "PreflightTests", dependencies: ["Preflight", "AlibabaCloud", "VOD", "RAMPolicy"], swiftSettings: strictSettings),
        .testTarget(
            name: "RamguardKitTests",
            dependencies: [
                "RamguardKit", "VODEmulator", "AlibabaCloud", "AlibabaCloudHTTPClient", "VOD", "RAMPolicy", "Reporting",
                "Analysis", "ActionCatalog",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "ramguardTests", dependencies: ["RamguardKit"], swiftSettings: strictSettings),
    ]
)
