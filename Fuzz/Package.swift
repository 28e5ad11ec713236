// swift-tools-version: 6.0
// libFuzzer targets for MynaKit's parsers (Linux). Kept out of the main package: they are built with
// `-sanitize=fuzzer,address`, which the library itself must never need. Build and run them with
// Scripts/fuzz (long runs) or Scripts/fuzz-smoke (seconds each, for CI); see Documentation/fuzzing.md.
import PackageDescription

/// One fuzz target: an executable whose only entry point is `LLVMFuzzerTestOneInput`.
func fuzzTarget(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .executableTarget(name: name, dependencies: ["FuzzSupport"] + dependencies, path: "Sources/\(name)")
}

let package = Package(
    name: "MynaKitFuzz",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "fuzz-bertlv", targets: ["FuzzBERTLV"]),
        .executable(name: "fuzz-command-apdu", targets: ["FuzzCommandAPDU"]),
        .executable(name: "fuzz-response-apdu", targets: ["FuzzResponseAPDU"]),
        .executable(name: "fuzz-basic-attributes", targets: ["FuzzBasicAttributes"]),
        .executable(name: "fuzz-card-face", targets: ["FuzzCardFace"]),
        .executable(name: "fuzz-token-info", targets: ["FuzzTokenInfo"]),
        .executable(name: "fuzz-certificate", targets: ["FuzzCertificate"]),
        .executable(name: "fuzz-transcript", targets: ["FuzzTranscript"]),
        .executable(name: "fuzz-photo", targets: ["FuzzPhoto"]),
    ],
    dependencies: [
        // A symlink to the repository root, so that the dependency is called "MynaKit" wherever the
        // repository is cloned (a path dependency is named after its last path component).
        .package(path: "MynaKit"),
    ],
    targets: [
        // Seed corpora from the simulated card's files, and the shared entry-point plumbing.
        .target(
            name: "FuzzSupport",
            dependencies: [
                .product(name: "MynaCodec", package: "MynaKit"),
                .product(name: "MynaTransport", package: "MynaKit"),
                .product(name: "MynaISO7816", package: "MynaKit"),
                .product(name: "MynaCard", package: "MynaKit"),
                .product(name: "MynaSimulator", package: "MynaKit"),
            ]
        ),
        fuzzTarget("FuzzBERTLV", [.product(name: "MynaCodec", package: "MynaKit")]),
        fuzzTarget("FuzzCommandAPDU", [.product(name: "MynaCodec", package: "MynaKit")]),
        fuzzTarget("FuzzResponseAPDU", [.product(name: "MynaCodec", package: "MynaKit")]),
        fuzzTarget(
            "FuzzBasicAttributes",
            [.product(name: "MynaCodec", package: "MynaKit"), .product(name: "MynaCard", package: "MynaKit")]),
        fuzzTarget(
            "FuzzCardFace",
            [.product(name: "MynaCodec", package: "MynaKit"), .product(name: "MynaCard", package: "MynaKit")]),
        fuzzTarget("FuzzTokenInfo", [.product(name: "MynaCard", package: "MynaKit")]),
        fuzzTarget("FuzzCertificate", [.product(name: "MynaCard", package: "MynaKit")]),
        fuzzTarget(
            "FuzzTranscript",
            [.product(name: "MynaCodec", package: "MynaKit"), .product(name: "MynaTransport", package: "MynaKit")]),
        // The photo decoder needs only MynaPhoto (and OpenJPEG): no FuzzSupport, so that it builds in a minute.
        .executableTarget(
            name: "FuzzPhoto", dependencies: [.product(name: "MynaPhoto", package: "MynaKit")],
            path: "Sources/FuzzPhoto"),
    ]
)
