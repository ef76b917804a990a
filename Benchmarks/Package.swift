// swift-tools-version: 6.1
import PackageDescription

import struct Foundation.URL

// The root package is named by its folder, which differs between clones ("rapport", "main", ...).
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let rootPackage = root.lastPathComponent

let package = Package(
    name: "RapportBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.0", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.0"..<"5.0.0"),
    ],
    targets: [
        // The raw-LMDB baseline talks to LMDB's C API directly, not through the project's wrapper.
        .systemLibrary(name: "CRawLMDB", pkgConfig: "lmdb", providers: [.apt(["liblmdb-dev"])]),
        .target(
            name: "CRMBenchKit",
            dependencies: [
                "CRawLMDB",
                .product(name: "EventSourcing", package: rootPackage),
                .product(name: "CRM", package: rootPackage),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The whole standard workload, Rapport beside raw LMDB, with ratios: `swift run -c release crm-bench`.
        .executableTarget(name: "crm-bench", dependencies: ["CRMBenchKit"]),
        // Rapport's W1, W4 and W5 with a synchronous main, for `valgrind --tool=callgrind`.
        .executableTarget(name: "crm-profile", dependencies: ["CRMBenchKit"]),
        // The same workloads as package-benchmark benchmarks: `swift package benchmark`.
        .executableTarget(
            name: "RapportBenchmarks",
            dependencies: ["CRMBenchKit", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/RapportBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
