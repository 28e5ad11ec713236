// swift-tools-version: 6.0
// MynaKit — a Swift package for the Japanese My Number Card (マイナンバーカード) over ISO 7816-4.
import PackageDescription

let package = Package(
    name: "MynaKit",
    // The language of MynaKit's string tables when the caller's language has none (Resources/<language>.lproj).
    defaultLocalization: "en",
    platforms: [.macOS(.v15), .iOS(.v18)],
    products: [
        // Layers, bottom up. An app that needs no PC/SC does not link libpcsclite.
        .library(name: "MynaCodec", targets: ["MynaCodec"]),
        .library(name: "MynaTransport", targets: ["MynaTransport"]),
        .library(name: "MynaISO7816", targets: ["MynaISO7816"]),
        .library(name: "MynaCard", targets: ["MynaCard"]),
        .library(name: "MynaKit", targets: ["MynaKit"]),
        // Plug-in backends and extras.
        .library(name: "MynaSimulator", targets: ["MynaSimulator"]),
        .library(name: "MynaPCSC", targets: ["MynaPCSC"]),
        .library(name: "MynaVPCD", targets: ["MynaVPCD"]),
        .library(name: "MynaPhoto", targets: ["MynaPhoto"]),
        .library(name: "MynaSignature", targets: ["MynaSignature"]),
        // Test doubles for apps' and this package's tests (like NIOTestUtils).
        .library(name: "MynaTestSupport", targets: ["MynaTestSupport"]),
        // Executables.
        .executable(name: "myna", targets: ["MynaReaderExample"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        // Big-number arithmetic for the one raw RSA public-key operation swift-crypto does not offer.
        .package(url: "https://github.com/attaswift/BigInt.git", from: "6.0.1"),
        // `swift package generate-documentation` (Scripts/docs builds every library module's DocC catalog).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // MARK: Codec — APDUs, status words, BER-TLV. No Foundation.
        .target(name: "MynaCodec"),

        // MARK: Transport — the protocol every backend implements, and composable layers.
        .target(
            name: "MynaTransport",
            dependencies: [
                "MynaCodec",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // MARK: ISO 7816-4 commands over any transport.
        .target(
            name: "MynaISO7816",
            dependencies: ["MynaCodec", "MynaTransport"]
        ),

        // MARK: My Number Card applets (JPKI, text, surface, common) and certificates.
        .target(
            name: "MynaCard",
            dependencies: [
                "MynaCodec", "MynaTransport", "MynaISO7816",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "BigInt", package: "BigInt"),
            ]
        ),

        // MARK: Domain — retry counters and locks, validity, qualification check, diagnosis.
        .target(
            name: "MynaKit",
            dependencies: [
                "MynaCodec", "MynaTransport", "MynaCard",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            // The string tables, one per language (en.lproj, ja.lproj), read through Bundle.module.
            resources: [.process("Resources")]
        ),

        // MARK: The simulated My Number Card (a test double shipped to users, like NIOEmbedded).
        .target(
            name: "MynaSimulator",
            dependencies: [
                "MynaCodec", "MynaTransport", "MynaISO7816", "MynaCard",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // The vpcd client: makes any CardTransport appear to pcscd as a card in vsmartcard's virtual reader.
        .target(
            name: "MynaVPCD",
            dependencies: [
                "MynaCodec", "MynaTransport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // MARK: Test support — scripted and counting transports, seeded randomness, log capture, child processes.
        .target(
            name: "MynaTestSupport",
            dependencies: [
                "MynaCodec", "MynaTransport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ]
        ),

        // MARK: PC/SC backend on libpcsclite (PCSC.framework on macOS).
        // A C shim target rather than a pkg-config system library: pkg-config adds `-pthread`, which SwiftPM
        // rejects with a warning on every build. Headers come from libpcsclite-dev (apt) on Linux.
        .target(
            name: "CPCSCLite",
            linkerSettings: [.linkedLibrary("pcsclite", .when(platforms: [.linux]))]
        ),
        .target(
            name: "MynaPCSC",
            dependencies: [
                "MynaCodec", "MynaTransport",
                .target(name: "CPCSCLite", condition: .when(platforms: [.linux])),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // MARK: Face photo decoding (OpenJPEG) and PNG encoding. The terminal preview and the HTML report are
        // presentation: they live in the example reader, their only user.
        .systemLibrary(
            name: "COpenJPEG",
            pkgConfig: "libopenjp2",
            providers: [.apt(["libopenjp2-7-dev"])]
        ),
        // zlib, for PNG compression (in the SDK on Apple platforms).
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "MynaPhoto",
            dependencies: ["COpenJPEG", "CZlib"]
        ),

        // MARK: CMS (CAdES-BES) and PDF (PAdES) signatures made with the card, and their verification.
        .target(
            name: "MynaSignature",
            dependencies: [
                "MynaCard", "CZlib",
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),

        // MARK: The example reader for testers.
        .executableTarget(
            name: "MynaReaderExample",
            dependencies: [
                "MynaKit", "MynaCard", "MynaISO7816", "MynaTransport", "MynaCodec",
                "MynaSimulator", "MynaPCSC", "MynaVPCD", "MynaPhoto", "MynaSignature",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Examples/MynaReader",
            // The example's own labels, one table per language (the library's words come from MynaKit's).
            resources: [.process("Resources")]
        ),

        // MARK: Tests
        .testTarget(name: "MynaCodecTests", dependencies: ["MynaCodec", "MynaTestSupport"]),
        .testTarget(
            name: "MynaTransportTests",
            dependencies: [
                "MynaCodec", "MynaTransport", "MynaTestSupport", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "MynaISO7816Tests",
            // The simulated card (and MynaCard's key type, to check its signatures) is the card these tests talk to.
            dependencies: ["MynaCodec", "MynaTransport", "MynaISO7816", "MynaCard", "MynaSimulator", "MynaTestSupport"]
        ),
        .testTarget(
            name: "MynaSimulatorTests",
            dependencies: [
                "MynaCodec", "MynaTransport", "MynaISO7816", "MynaCard", "MynaSimulator", "MynaVPCD", "MynaTestSupport",
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "MynaCardTests",
            dependencies: [
                "MynaCodec", "MynaTransport", "MynaISO7816", "MynaCard", "MynaSimulator", "MynaTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "MynaKitTests",
            dependencies: [
                "MynaCodec", "MynaTransport", "MynaISO7816", "MynaCard", "MynaKit", "MynaSimulator", "MynaTestSupport",
            ]
        ),
        .testTarget(
            name: "MynaPCSCTests",
            dependencies: [
                "MynaCodec", "MynaTransport", "MynaISO7816", "MynaCard", "MynaPCSC", "MynaVPCD", "MynaSimulator",
                "MynaTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "MynaVPCDTests",
            dependencies: ["MynaCodec", "MynaTransport", "MynaVPCD", "MynaTestSupport"]
        ),
        .testTarget(
            name: "MynaSignatureTests",
            dependencies: [
                "MynaCodec", "MynaTransport", "MynaCard", "MynaSimulator", "MynaSignature",
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // The photo fixtures, an independent PNG decoder, hand-made PNGs and headless Chromium: shared by the
        // photo tests and the example reader's report tests.
        .target(
            name: "MynaPhotoTestSupport",
            dependencies: ["CZlib", "MynaTestSupport"],
            path: "Tests/MynaPhotoTestSupport"
        ),
        .testTarget(
            name: "MynaPhotoTests",
            dependencies: ["MynaPhoto", "CZlib", "MynaTestSupport", "MynaPhotoTestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "MynaReaderExampleTests",
            dependencies: [
                "MynaCodec", "MynaSimulator", "MynaPhoto", "MynaPCSC", "MynaTransport", "MynaTestSupport",
                // The presentation code (HTML report, terminal preview) is tested in-process.
                "MynaReaderExample", "MynaPhotoTestSupport", "MynaKit",
                // A certificate with control characters in its subject, for the escaping test.
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            exclude: ["Snapshots"]
        ),
    ]
)
