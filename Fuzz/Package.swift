// swift-tools-version: 6.1
// libFuzzer harnesses for the record decoder, the JSON Lines parser, the CSV importer and the command inputs (see
// Documentation/Reliability.md).
// Not part of the root package: build with Fuzz/run.sh (scratch path .build-fuzz).
import PackageDescription

import struct Foundation.URL

// The root package is named by its folder, which differs between clones.
let rootPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "RapportFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "CFuzzerDriver"),
        .target(
            name: "FuzzSupport",
            dependencies: [
                "CFuzzerDriver", .product(name: "EventSourcing", package: rootPackage),
                .product(name: "CRM", package: rootPackage),
            ]),
        .executableTarget(
            name: "fuzz-record-decoder", dependencies: ["FuzzSupport", .product(name: "EventSourcing", package: rootPackage)]),
        .executableTarget(
            name: "fuzz-json-lines", dependencies: ["FuzzSupport", .product(name: "EventSourcing", package: rootPackage)]),
        .executableTarget(
            name: "fuzz-csv-import",
            dependencies: [
                "FuzzSupport", .product(name: "EventSourcing", package: rootPackage), .product(name: "CRM", package: rootPackage),
            ]),
        .executableTarget(
            name: "fuzz-command-inputs",
            dependencies: [
                "FuzzSupport", .product(name: "EventSourcing", package: rootPackage), .product(name: "CRM", package: rootPackage),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
