import Benchmark
import BenchSupport
import MynaCard
import MynaCodec

// The codec's hot paths: command APDU encode + decode, response decode, TLV parse of the card-face file.

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        maxDuration: .seconds(3),
        maxIterations: 1_000_000
    )

    // READ BINARY by SFI with extended Le, and SELECT by AID: the two commands a read sends most.
    let readBinary = (try? CommandAPDU(ins: 0xB0, p1: 0x82, p2: 0x00, ne: 65536)) ?? CommandAPDU.placeholder
    let select = (try? CommandAPDU(ins: 0xA4, p1: 0x04, p2: 0x0C, data: ApplicationIdentifierBytes.cardFace)) ?? .placeholder

    Benchmark("Command APDU encode + decode (READ BINARY, extended Le)") { benchmark in
        for _ in benchmark.scaledIterations {
            let bytes = readBinary.encoded()
            blackHole(try CommandAPDU(decoding: bytes))
        }
    }

    Benchmark("Command APDU encode + decode (SELECT by AID)") { benchmark in
        for _ in benchmark.scaledIterations {
            let bytes = select.encoded()
            blackHole(try CommandAPDU(decoding: bytes))
        }
    }

    let responseBytes = SimulatedCards.file(.jpki, JPKIFile.tokenInfo) + [0x90, 0x00]
    Benchmark("Response APDU decode (160 bytes + 9000)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try ResponseAPDU(decoding: responseBytes))
        }
    }

    // The whole physical file (filler included), as a reader that read it in one go holds it.
    let cardFace = SimulatedCards.file(.cardFaceConfirmation, CardFaceConfirmationFile.cardFace)
    Benchmark("TLV parse of the card-face file (\(cardFace.count) bytes)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try BERTLV.parseFile(cardFace))
        }
    }

    let attributes = SimulatedCards.file(.cardInfoInputSupport, CardInfoInputSupportFile.basicAttributes)
    Benchmark("TLV parse of the basic-attributes file (\(attributes.count) bytes)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try BERTLV.parseFile(attributes))
        }
    }
}

enum ApplicationIdentifierBytes {
    static let cardFace: [UInt8] = [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02]
}

extension CommandAPDU {
    /// A case-1 command that cannot fail to build, for the benchmarks' fallbacks.
    static var placeholder: CommandAPDU {
        // Case 1 with a header only never throws.
        (try? CommandAPDU(ins: 0x00, p1: 0x00, p2: 0x00)) ?? { fatalError("a case-1 command always builds") }()
    }
}
