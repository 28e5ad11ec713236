// swift-tools-version: 6.1
// MynaKit's benchmarks, kept out of the main package so that it stays lean: ordo-one's benchmark package
// (wall clock, throughput, allocations through its malloc interposer) for the codec and the in-process card
// read, an APDU counter, and the full-read executable the memory check runs under valgrind.
// Scripts/bench runs them all and writes Documentation/performance.md. Benchmarks/pcsc/ is a separate
// package (PC/SC per-APDU time against a C SCardTransmit loop).
import PackageDescription

let mynaKit: [Target.Dependency] = [
    .product(name: "MynaCodec", package: "MynaKit"),
    .product(name: "MynaTransport", package: "MynaKit"),
    .product(name: "MynaISO7816", package: "MynaKit"),
    .product(name: "MynaCard", package: "MynaKit"),
    .product(name: "MynaKit", package: "MynaKit"),
    .product(name: "MynaSimulator", package: "MynaKit"),
]

let package = Package(
    name: "MynaKitBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // A symlink to the repository root, so that the dependency is called "MynaKit" wherever the
        // repository is cloned (a path dependency is named after its last path component).
        .package(path: "MynaKit"),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The counting transport, the 256-byte chunked reader, the operations measured, the simulated cards.
        .target(name: "BenchSupport", dependencies: mynaKit),
        // APDUs per operation, as a Markdown table.
        .executableTarget(name: "myna-apdu-counts", dependencies: ["BenchSupport"] + mynaKit, path: "Sources/APDUCounts"),
        // Modelled time on the wire per operation and link profile, against the physical minimum (issue 14).
        .executableTarget(name: "myna-wire-time", dependencies: ["BenchSupport"] + mynaKit, path: "Sources/WireTime"),
        // One full read of the simulated card through the library (the valgrind run).
        .executableTarget(name: "myna-full-read", dependencies: ["BenchSupport"] + mynaKit, path: "Sources/FullRead"),
        // package-benchmark suites (`swift package benchmark`).
        .executableTarget(
            name: "CodecBenchmarks",
            dependencies: ["BenchSupport", .product(name: "Benchmark", package: "benchmark")] + mynaKit,
            path: "Benchmarks/Codec",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "CardReadBenchmarks",
            dependencies: ["BenchSupport", .product(name: "Benchmark", package: "benchmark")] + mynaKit,
            path: "Benchmarks/CardRead",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
