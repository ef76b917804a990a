// swift-tools-version: 6.1
import PackageDescription

/// Upcoming language features enabled in every target, so the code is ready for the next language mode.
let upcomingFeatures: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Rapport",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "CRM", targets: ["CRM"]),
        .library(name: "EventSourcing", targets: ["EventSourcing"]),
        .library(name: "EventSourcingTesting", targets: ["EventSourcingTesting"]),
        .executable(name: "rapport", targets: ["rapport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
    ],
    targets: [
        // Layer 0: the C library, from Debian's liblmdb-dev.
        .systemLibrary(
            name: "CLMDB",
            pkgConfig: "lmdb",
            providers: [.apt(["liblmdb-dev"])]
        ),
        // Layer 1: a safe Swift wrapper over LMDB.
        .target(name: "LMDB", dependencies: ["CLMDB"], swiftSettings: upcomingFeatures),
        // Layer 2: the domain-agnostic event store.
        .target(
            name: "EventSourcing",
            dependencies: ["LMDB", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: upcomingFeatures
        ),
        // Test helpers for projection authors (Swift Testing), a product of their own.
        .target(name: "EventSourcingTesting", dependencies: ["EventSourcing"], swiftSettings: upcomingFeatures),
        // Layer 3: the CRM domain.
        .target(name: "CRM", dependencies: ["EventSourcing"], swiftSettings: upcomingFeatures),
        // Layer 4: the command-line tool.
        .executableTarget(
            name: "rapport",
            dependencies: [
                "CRM", "EventSourcing", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: upcomingFeatures
        ),
        // The child process of the projection crash test (built with the tests, not a product).
        .executableTarget(
            name: "projection-crash-child", dependencies: ["EventSourcing"], path: "Tests/ProjectionCrashChild",
            swiftSettings: upcomingFeatures),
        // What the reliability tests and their child process share (test-only, not a product).
        .target(
            name: "ReliabilityFixtures", dependencies: ["EventSourcing"], path: "Tests/ReliabilityFixtures",
            swiftSettings: upcomingFeatures),
        // The child process of the reliability tests: appends until killed, or races other processes.
        .executableTarget(
            name: "reliability-child", dependencies: ["EventSourcing", "ReliabilityFixtures"],
            path: "Tests/ReliabilityChild", swiftSettings: upcomingFeatures),
        .testTarget(
            name: "ReliabilityTests",
            dependencies: [
                "EventSourcing", "ReliabilityFixtures", "reliability-child", "LMDB", "CRM",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: upcomingFeatures
        ),
        .testTarget(
            name: "RapportToolTests", dependencies: ["CRM", "EventSourcing", "LMDB", "rapport"], swiftSettings: upcomingFeatures),
        .testTarget(name: "LMDBTests", dependencies: ["LMDB", "CLMDB"], swiftSettings: upcomingFeatures),
        .testTarget(
            name: "EventSourcingTests",
            dependencies: [
                "EventSourcing",
                "EventSourcingTesting",
                "projection-crash-child",
                "LMDB",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: upcomingFeatures
        ),
        .testTarget(
            name: "CRMTests",
            dependencies: [
                "CRM", "EventSourcing", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: upcomingFeatures
        ),
    ],
    swiftLanguageModes: [.v6]
)
