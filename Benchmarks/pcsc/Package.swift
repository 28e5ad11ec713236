// swift-tools-version: 6.0
// Benchmarks for the PC/SC backend, kept out of the main package so that it stays lean.
// See run.sh and Documentation/pcsc.md.
import PackageDescription

let package = Package(
    name: "MynaPCSCBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // A symlink to the repository root, so that the dependency's identity is "MynaKit" wherever the
        // repository is cloned (a path dependency is named after its last path component).
        .package(path: "MynaKit"),
    ],
    targets: [
        // The SCardTransmit loop through MynaPCSC.
        .executableTarget(
            name: "myna-pcsc-bench",
            dependencies: [
                .product(name: "MynaPCSC", package: "MynaKit"),
                .product(name: "MynaTransport", package: "MynaKit"),
                .product(name: "MynaCodec", package: "MynaKit"),
            ],
            path: "Swift/PCSCBench"
        ),
        // A trivial card in the virtual reader, served through MynaVPCD.
        .executableTarget(
            name: "myna-bench-card",
            dependencies: [
                .product(name: "MynaVPCD", package: "MynaKit"),
                .product(name: "MynaTransport", package: "MynaKit"),
                .product(name: "MynaCodec", package: "MynaKit"),
            ],
            path: "Swift/BenchCard"
        ),
    ]
)
