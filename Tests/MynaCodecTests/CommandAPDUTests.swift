import Testing
@testable import MynaCodec

// MARK: - Golden vectors

/// One command at a case boundary. The expected wire bytes are `header ‖ lc ‖ pattern(nc) ‖ le`, so even the
/// 65535-byte commands are checked byte for byte without a 130 000-digit literal.
struct CommandVector: Sendable, CustomTestStringConvertible {
    let name: String
    let nc: Int
    let ne: Int?
    let extended: Bool
    let expectedCase: CommandAPDU.Case
    /// The Lc field exactly as it must appear on the wire.
    let lc: String
    /// The Le field exactly as it must appear on the wire.
    let le: String

    init(_ name: String, nc: Int = 0, ne: Int? = nil, extended: Bool = false,
         _ expectedCase: CommandAPDU.Case, lc: String = "", le: String = "") {
        self.name = name
        self.nc = nc
        self.ne = ne
        self.extended = extended
        self.expectedCase = expectedCase
        self.lc = lc
        self.le = le
    }

    static let header: [UInt8] = [0x81, 0xCB, 0x3F, 0xFE]

    var data: [UInt8] { pattern(nc) }
    var expectedBytes: [UInt8] { Self.header + bytes(lc) + data + bytes(le) }
    var testDescription: String { name }

    static let all: [CommandVector] = [
        // Case 1.
        CommandVector("case 1", .case1),
        CommandVector("case 1, extended requested (ignored)", extended: true, .case1),
        // Case 2S: Ne 1…256, 256 written 00.
        CommandVector("2S Ne=1", ne: 1, .case2Short, le: "01"),
        CommandVector("2S Ne=255", ne: 255, .case2Short, le: "FF"),
        CommandVector("2S Ne=256 → 00", ne: 256, .case2Short, le: "00"),
        // Case 2E: Ne 257…65536, 65536 written 00 00.
        CommandVector("2E Ne=257", ne: 257, .case2Extended, le: "00 01 01"),
        CommandVector("2E Ne=65535", ne: 65535, .case2Extended, le: "00 FF FF"),
        CommandVector("2E Ne=65536 → 0000", ne: 65536, .case2Extended, le: "00 00 00"),
        // Case 3S / 3E: Lc 255 is the last short value.
        CommandVector("3S Lc=1", nc: 1, .case3Short, lc: "01"),
        CommandVector("3S Lc=255", nc: 255, .case3Short, lc: "FF"),
        CommandVector("3E Lc=256", nc: 256, .case3Extended, lc: "00 01 00"),
        CommandVector("3E Lc=65535", nc: 65535, .case3Extended, lc: "00 FF FF"),
        // Case 4S.
        CommandVector("4S Lc=1 Ne=1", nc: 1, ne: 1, .case4Short, lc: "01", le: "01"),
        CommandVector("4S Lc=255 Ne=256", nc: 255, ne: 256, .case4Short, lc: "FF", le: "00"),
        // Case 4E: either field forces both to extended; extended Le after data has no leading 00.
        CommandVector("4E Lc=256 Ne=1", nc: 256, ne: 1, .case4Extended, lc: "00 01 00", le: "00 01"),
        CommandVector("4E Lc=1 Ne=257", nc: 1, ne: 257, .case4Extended, lc: "00 00 01", le: "01 01"),
        CommandVector("4E Lc=1 Ne=65536", nc: 1, ne: 65536, .case4Extended, lc: "00 00 01", le: "00 00"),
        CommandVector("4E Lc=255 Ne=257", nc: 255, ne: 257, .case4Extended, lc: "00 00 FF", le: "01 01"),
        CommandVector("4E Lc=256 Ne=256", nc: 256, ne: 256, .case4Extended, lc: "00 01 00", le: "01 00"),
        CommandVector("4E Lc=65535 Ne=65536", nc: 65535, ne: 65536, .case4Extended, lc: "00 FF FF", le: "00 00"),
        // Extended encoding requested for sizes that fit short fields.
        CommandVector("2E forced Ne=1", ne: 1, extended: true, .case2Extended, le: "00 00 01"),
        CommandVector("2E forced Ne=256", ne: 256, extended: true, .case2Extended, le: "00 01 00"),
        CommandVector("3E forced Lc=1", nc: 1, extended: true, .case3Extended, lc: "00 00 01"),
        CommandVector("3E forced Lc=255", nc: 255, extended: true, .case3Extended, lc: "00 00 FF"),
        CommandVector("4E forced Lc=1 Ne=1", nc: 1, ne: 1, extended: true, .case4Extended, lc: "00 00 01", le: "00 01"),
        CommandVector(
            "4E forced Lc=255 Ne=256", nc: 255, ne: 256, extended: true, .case4Extended, lc: "00 00 FF", le: "01 00"),
    ]
}

/// Real commands of the My Number Card, written out in full.
struct LiteralCommand: Sendable, CustomTestStringConvertible {
    let hex: String
    let cla: UInt8, ins: UInt8, p1: UInt8, p2: UInt8
    let data: String
    let ne: Int?
    let expectedCase: CommandAPDU.Case
    var testDescription: String { hex }

    static let all: [LiteralCommand] = [
        // SELECT the JPKI applet by DF name.
        LiteralCommand(
            hex: "00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01", cla: 0x00, ins: 0xA4, p1: 0x04, p2: 0x0C,
            data: "D3 92 F0 00 26 01 00 00 00 01", ne: nil, expectedCase: .case3Short),
        // SELECT EF 0018.
        LiteralCommand(
            hex: "00 A4 02 0C 02 00 18", cla: 0x00, ins: 0xA4, p1: 0x02, p2: 0x0C,
            data: "00 18", ne: nil, expectedCase: .case3Short),
        // Empty VERIFY: the retry-counter query.
        LiteralCommand(
            hex: "00 20 00 80", cla: 0x00, ins: 0x20, p1: 0x00, p2: 0x80,
            data: "", ne: nil, expectedCase: .case1),
        // READ BINARY of 256 bytes, then the whole file with one extended Le.
        LiteralCommand(
            hex: "00 B0 00 00 00", cla: 0x00, ins: 0xB0, p1: 0x00, p2: 0x00,
            data: "", ne: 256, expectedCase: .case2Short),
        LiteralCommand(
            hex: "00 B0 8A 00 00 00 00", cla: 0x00, ins: 0xB0, p1: 0x8A, p2: 0x00,
            data: "", ne: 65536, expectedCase: .case2Extended),
        LiteralCommand(
            hex: "00 B0 00 00 00 07 00", cla: 0x00, ins: 0xB0, p1: 0x00, p2: 0x00,
            data: "", ne: 0x0700, expectedCase: .case2Extended),
        // COMPUTE DIGITAL SIGNATURE with a (shortened) DigestInfo and Le 00.
        LiteralCommand(
            hex: "80 2A 00 80 03 30 31 30 00", cla: 0x80, ins: 0x2A, p1: 0x00, p2: 0x80,
            data: "30 31 30", ne: 256, expectedCase: .case4Short),
        // Signing in one extended command: Lc 3 with extended Le 0100.
        LiteralCommand(
            hex: "80 2A 00 80 00 00 03 30 31 30 01 00", cla: 0x80, ins: 0x2A, p1: 0x00, p2: 0x80,
            data: "30 31 30", ne: 256, expectedCase: .case4Extended),
    ]
}

@Suite("CommandAPDU golden vectors")
struct CommandAPDUGoldenTests {
    @Test(arguments: CommandVector.all)
    func encodesExactly(_ vector: CommandVector) throws {
        let apdu = try CommandAPDU(
            cla: 0x81, ins: 0xCB, p1: 0x3F, p2: 0xFE, data: vector.data, ne: vector.ne, extended: vector.extended)
        let expected = vector.expectedBytes
        let encoded = apdu.encoded()

        #expect(apdu.apduCase == vector.expectedCase)
        #expect(apdu.isExtended == [.case2Extended, .case3Extended, .case4Extended].contains(vector.expectedCase))
        #expect(encoded.count == expected.count)
        #expect(apdu.encodedCount == encoded.count)
        // The length fields in hex, for a readable failure; then every byte.
        let fieldsEnd = 4 + vector.lc.filter(\.isHexDigit).count / 2
        #expect(Hex.encode(encoded.prefix(fieldsEnd)) == Hex.encode(expected.prefix(fieldsEnd)))
        #expect(Hex.encode(encoded.suffix(3)) == Hex.encode(expected.suffix(3)))
        let identical = encoded == expected
        #expect(identical)
    }

    @Test(arguments: CommandVector.all)
    func decodesGoldenBytes(_ vector: CommandVector) throws {
        let decoded = try CommandAPDU(decoding: vector.expectedBytes)
        #expect(decoded.cla == 0x81)
        #expect(decoded.ins == 0xCB)
        #expect(decoded.p1 == 0x3F)
        #expect(decoded.p2 == 0xFE)
        #expect(decoded.data == vector.data)
        #expect(decoded.ne == vector.ne)
        #expect(decoded.apduCase == vector.expectedCase)

        let built = try CommandAPDU(
            cla: 0x81, ins: 0xCB, p1: 0x3F, p2: 0xFE, data: vector.data, ne: vector.ne, extended: vector.extended)
        #expect(decoded == built)
        #expect(try CommandAPDU(decoding: built.encoded()) == built)
    }

    @Test(arguments: CommandVector.all)
    func decodesFromASliceWithOffset(_ vector: CommandVector) throws {
        let framed = [0xEE, 0xEE, 0xEE] + vector.expectedBytes + [0xEE]
        let slice = framed[3..<(framed.count - 1)]
        #expect(slice.startIndex == 3)
        let decoded = try CommandAPDU(decoding: slice)
        #expect(decoded.encoded() == vector.expectedBytes)
        #expect(decoded.apduCase == vector.expectedCase)
    }

    @Test(arguments: LiteralCommand.all)
    func literalCommands(_ vector: LiteralCommand) throws {
        let wire = bytes(vector.hex)
        let decoded = try CommandAPDU(decoding: wire)
        #expect(decoded.cla == vector.cla)
        #expect(decoded.ins == vector.ins)
        #expect(decoded.p1 == vector.p1)
        #expect(decoded.p2 == vector.p2)
        #expect(decoded.data == bytes(vector.data))
        #expect(decoded.ne == vector.ne)
        #expect(decoded.apduCase == vector.expectedCase)
        #expect(Hex.encode(decoded.encoded(), separator: " ") == vector.hex)
    }

    @Test func caseNamesMatchISO() {
        #expect(CommandAPDU.Case.allCases.map(\.rawValue) == ["1", "2S", "3S", "4S", "2E", "3E", "4E"])
    }

    @Test func limitsAreTheISOOnes() {
        #expect(CommandAPDU.maximumDataCount == 65535)
        #expect(CommandAPDU.maximumExpectedLength == 65536)
        #expect(CommandAPDU.maximumShortExpectedLength == 256)
    }
}

// MARK: - Construction and decoding errors

@Suite("CommandAPDU validation")
struct CommandAPDUValidationTests {
    @Test(arguments: [0, -1, 65537, 70000, Int.max, Int.min])
    func neOutsideRangeIsInvalidLength(_ ne: Int) {
        expectCodecError(.invalidLength) { () throws(CodecError) in
            try CommandAPDU(ins: 0xB0, p1: 0, p2: 0, ne: ne)
        }
        expectCodecError(.invalidLength) { () throws(CodecError) in
            try CommandAPDU(ins: 0xB0, p1: 0, p2: 0, data: [1], ne: ne, extended: true)
        }
    }

    @Test func ncAboveMaximumIsInvalidLength() {
        expectCodecError(.invalidLength) { () throws(CodecError) in
            try CommandAPDU(ins: 0xD6, p1: 0, p2: 0, data: pattern(65536))
        }
        expectCodecError(.invalidLength) { () throws(CodecError) in
            try CommandAPDU(ins: 0xD6, p1: 0, p2: 0, data: pattern(65536), ne: 1, extended: true)
        }
    }

    @Test func extremesAreAccepted() throws {
        let largest = try CommandAPDU(ins: 0xD6, p1: 0, p2: 0, data: pattern(65535), ne: 65536)
        #expect(largest.apduCase == .case4Extended)
        #expect(largest.encodedCount == 9 + 65535)
        let smallest = try CommandAPDU(ins: 0xB0, p1: 0, p2: 0, ne: 1)
        #expect(smallest.encoded() == [0x00, 0xB0, 0x00, 0x00, 0x01])
    }

    @Test func defaultClassIsZero() throws {
        #expect(try CommandAPDU(ins: 0xA4, p1: 4, p2: 0x0C).cla == 0x00)
    }

    @Test func headerFieldsAreMutable() throws {
        var apdu = try CommandAPDU(ins: 0xB0, p1: 0, p2: 0, ne: 16)
        apdu.cla = 0x0C
        apdu.ins = 0xB1
        apdu.p1 = 0x12
        apdu.p2 = 0x34
        #expect(Hex.encode(apdu.encoded()) == "0CB1123410")
    }

    struct Malformed: Sendable, CustomTestStringConvertible {
        let name: String
        let hex: String
        let code: CodecError.Code
        var testDescription: String { "\(name): \(hex)" }
    }

    static let malformed: [Malformed] = [
        Malformed(name: "empty", hex: "", code: .truncated),
        Malformed(name: "1 byte", hex: "00", code: .truncated),
        Malformed(name: "3 bytes", hex: "00 A4 04", code: .truncated),
        Malformed(name: "short Lc 2, 1 data byte", hex: "00 A4 04 00 02 AA", code: .invalidLength),
        Malformed(name: "short Lc 255, 1 data byte", hex: "00 A4 04 00 FF AA", code: .invalidLength),
        Malformed(name: "short Lc 1, 3 bytes follow", hex: "00 A4 04 00 01 AA BB CC", code: .invalidLength),
        Malformed(name: "short Lc with 2-byte Le", hex: "00 A4 04 00 02 AA BB 00 00", code: .invalidLength),
        Malformed(name: "extended marker + 1 byte", hex: "00 B0 00 00 00 01", code: .invalidLength),
        Malformed(name: "extended marker + 00", hex: "00 B0 00 00 00 00", code: .invalidLength),
        Malformed(name: "extended Le then 1 extra byte", hex: "00 B0 00 00 00 00 00 00", code: .invalidLength),
        Malformed(name: "extended Lc 0 with 1 data byte", hex: "00 D6 00 00 00 00 00 AA", code: .invalidLength),
        Malformed(name: "extended Lc 0 with 2 bytes", hex: "00 D6 00 00 00 00 00 AA BB", code: .invalidLength),
        Malformed(name: "extended Lc 0 then Le", hex: "00 D6 00 00 00 00 00 00 00", code: .invalidLength),
        Malformed(name: "extended Lc 2, 1 data byte", hex: "00 D6 00 00 00 00 02 AA", code: .invalidLength),
        Malformed(name: "extended Lc 1, 1-byte Le", hex: "00 D6 00 00 00 00 01 AA 00", code: .invalidLength),
        Malformed(name: "extended Lc 1, 3 extra bytes", hex: "00 D6 00 00 00 00 01 AA BB CC DD", code: .invalidLength),
        Malformed(name: "extended Lc 256, 1 data byte", hex: "00 D6 00 00 00 01 00 AA", code: .invalidLength),
        Malformed(name: "extended Lc FFFF, no data", hex: "00 D6 00 00 00 FF FF 00", code: .invalidLength),
    ]

    @Test(arguments: malformed)
    func malformedBytesAreTypedErrors(_ vector: Malformed) {
        expectCodecError(vector.code) { () throws(CodecError) in try CommandAPDU(decoding: bytes(vector.hex)) }
    }

    @Test func malformedLongCommandsAreTypedErrors() {
        // Lc 255 followed by 254 or 258 bytes (257 would be data plus a short Le), and an extended Lc 65535
        // one byte short or with a 1-byte Le.
        expectCodecError(.invalidLength) { () throws(CodecError) in
            try CommandAPDU(decoding: bytes("00 D6 00 00 FF") + pattern(254))
        }
        expectCodecError(.invalidLength) { () throws(CodecError) in
            try CommandAPDU(decoding: bytes("00 D6 00 00 FF") + pattern(258))
        }
        expectCodecError(.invalidLength) { () throws(CodecError) in
            try CommandAPDU(decoding: bytes("00 D6 00 00 00 FF FF") + pattern(65534))
        }
        expectCodecError(.invalidLength) { () throws(CodecError) in
            try CommandAPDU(decoding: bytes("00 D6 00 00 00 FF FF") + pattern(65535) + [0x00])
        }
    }

    /// The reason of a decoding error names lengths, never data bytes: a VERIFY that fails to parse must not
    /// leak its PIN through the error.
    @Test func errorsNeverQuoteCommandData() {
        let pin = Array("1234".utf8)
        let wire = bytes("00 20 00 80 05") + pin
        let error = expectCodecError(.invalidLength) { () throws(CodecError) in try CommandAPDU(decoding: wire) }
        for text in [error?.reason ?? "", error?.description ?? ""] {
            #expect(!text.contains("1234"))
            #expect(!text.contains("31323334"))
            #expect(!text.contains("31 32 33 34"))
        }
    }
}

// MARK: - Fuzzing and round trips

/// The seven layouts of ISO/IEC 7816-3 §12.1.3, written independently of the decoder as length equations on
/// the body (the bytes after the 4-byte header): which case a byte string is, or `nil` when it is none.
func referenceCase(_ input: [UInt8]) -> CommandAPDU.Case? {
    guard input.count >= 4 else { return nil }
    let body = Array(input.dropFirst(4))
    let n = body.count
    if n == 0 { return .case1 }
    if n == 1 { return .case2Short }
    let b1 = Int(body[0])
    if b1 != 0 {
        if n == 1 + b1 { return .case3Short }
        if n == 2 + b1 { return .case4Short }
        return nil
    }
    if n < 3 { return nil }
    if n == 3 { return .case2Extended }
    let lc = Int(body[1]) << 8 | Int(body[2])
    if lc == 0 { return nil }
    if n == 3 + lc { return .case3Extended }
    if n == 5 + lc { return .case4Extended }
    return nil
}

/// A random valid command whose sizes cluster on the short/extended boundaries.
func randomCommand(_ rng: inout SplitMix64, maximumData: Int) throws -> CommandAPDU {
    let boundaries = [0, 1, 2, 127, 128, 254, 255, 256, 257, 4096, 65534, 65535].filter { $0 <= maximumData }
    let nc = rng.oneIn(2) ? rng.pick(boundaries) : rng.int(0...min(maximumData, 300))
    let ne: Int?
    switch rng.int(0...3) {
    case 0: ne = nil
    case 1: ne = rng.pick([1, 2, 255, 256, 257, 4096, 65535, 65536])
    case 2: ne = rng.int(1...256)
    default: ne = rng.int(1...65536)
    }
    return try CommandAPDU(
        cla: rng.byte(), ins: rng.byte(), p1: rng.byte(), p2: rng.byte(),
        data: rng.bytes(nc), ne: ne, extended: rng.oneIn(4))
}

@Suite("CommandAPDU fuzzing and round trips")
struct CommandAPDUFuzzTests {
    /// The exact rule: decoding accepts a byte string if and only if it has one of the seven layouts, and an
    /// accepted string always re-encodes to itself. There are no non-canonical inputs: extended framing of
    /// small sizes is remembered in `isExtended`, and Le `00` / `00 00` decode to 256 / 65536, which encode
    /// back the same way. Everything else is `truncated` (under 4 bytes) or `invalidLength`.
    @Test func randomBytesDecodeCanonicallyOrThrow() throws {
        var rng = SplitMix64(seed: 0x0DEC_0DE5_7816_0004)
        var accepted = 0
        var rejected = 0
        var casesSeen: Set<CommandAPDU.Case> = []
        var failures: [String] = []

        for _ in 0..<20_000 {
            let input = try fuzzInput(&rng)
            let expectedCase = referenceCase(input)
            do {
                let apdu = try CommandAPDU(decoding: input)
                accepted += 1
                casesSeen.insert(apdu.apduCase)
                if apdu.encoded() != input { failures.append("non-canonical: \(Hex.encode(input))") }
                if apdu.apduCase != expectedCase {
                    failures.append("\(Hex.encode(input)) decoded as \(apdu.apduCase), expected \(String(describing: expectedCase))")
                }
            } catch {
                rejected += 1
                if let expectedCase { failures.append("\(Hex.encode(input)) rejected, expected \(expectedCase)") }
                let expectedCode: CodecError.Code = input.count < 4 ? .truncated : .invalidLength
                if error.code != expectedCode { failures.append("\(Hex.encode(input)): \(error)") }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(5))")
        #expect(accepted > 2_000)
        #expect(rejected > 2_000)
        #expect(casesSeen == Set(CommandAPDU.Case.allCases))
    }

    /// Purely random short strings, and valid encodings damaged in their length fields or at their ends.
    private func fuzzInput(_ rng: inout SplitMix64) throws -> [UInt8] {
        switch rng.int(0...3) {
        case 0:
            return rng.bytes(rng.int(0...12))
        case 1:
            // A header, a plausible length byte, then a body near the length it announces.
            var out = rng.bytes(4)
            let b1 = rng.oneIn(3) ? 0 : rng.int(0...8)
            out.append(UInt8(b1))
            if b1 == 0 {
                let lc = rng.int(0...6)
                out += [0, UInt8(lc)]
                out += rng.bytes(max(0, lc + rng.int(-1...3)))
            } else {
                out += rng.bytes(max(0, b1 + rng.int(-1...2)))
            }
            return out
        default:
            var out = try randomCommand(&rng, maximumData: 300).encoded()
            switch rng.int(0...4) {
            case 0: break
            case 1: out.removeLast(min(out.count, rng.int(1...3)))
            case 2: out += rng.bytes(rng.int(1...2))
            case 3:
                // Damage a byte of the length fields or right after the header.
                let index = rng.int(4...min(out.count + 2, 8))
                if index < out.count { out[index] = rng.byte() }
            default:
                out = Array(out.prefix(rng.int(0...out.count)))
            }
            return out
        }
    }

    @Test func randomCommandsRoundTrip() throws {
        var rng = SplitMix64(seed: 0xA9D0_0001)
        var failures: [String] = []
        for _ in 0..<3_000 {
            let apdu = try randomCommand(&rng, maximumData: rng.oneIn(20) ? 65535 : 600)
            let wire = apdu.encoded()
            if wire.count != apdu.encodedCount { failures.append("encodedCount \(apdu)") }
            let decoded = try CommandAPDU(decoding: wire)
            if decoded != apdu { failures.append("round trip \(apdu)") }
            let needsExtended = apdu.data.count > 255 || (apdu.ne ?? 0) > 256
            if needsExtended && !apdu.isExtended { failures.append("short encoding of \(apdu)") }
            if apdu.data.isEmpty && apdu.ne == nil && apdu.isExtended { failures.append("extended case 1") }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test func everyLeByteOfShortAndExtendedForms() throws {
        for le in 0...255 {
            let short = try CommandAPDU(decoding: [0x00, 0xB0, 0x00, 0x00, UInt8(le)])
            #expect(short.ne == (le == 0 ? 256 : le))
            #expect(short.encoded().last == UInt8(le))
        }
        // Sampled extended Le values including both ends.
        for le in stride(from: 0, through: 0xFFFF, by: 257) {
            let wire: [UInt8] = [0x00, 0xB0, 0x00, 0x00, 0x00, UInt8(le >> 8), UInt8(le & 0xFF)]
            let extended = try CommandAPDU(decoding: wire)
            #expect(extended.ne == (le == 0 ? 65536 : le))
            #expect(extended.isExtended)
            #expect(extended.encoded() == wire)
        }
    }
}

// MARK: - withExpectedLength

@Suite("CommandAPDU.withExpectedLength")
struct CommandAPDUExpectedLengthTests {
    @Test func replacesNeAndKeepsTheRest() throws {
        let read = try CommandAPDU(cla: 0x0C, ins: 0xB0, p1: 0x81, p2: 0x10, ne: 256)
        let resent = try read.withExpectedLength(0x10)
        #expect(resent.ne == 0x10)
        #expect(Hex.encode(resent.encoded()) == "0CB0811010")

        let signing = try CommandAPDU(cla: 0x80, ins: 0x2A, p1: 0, p2: 0x80, data: [1, 2, 3], ne: 256)
        #expect(try signing.withExpectedLength(nil).apduCase == .case3Short)
        #expect(try signing.withExpectedLength(nil).data == [1, 2, 3])
    }

    @Test func keepsExtendedFraming() throws {
        let forced = try CommandAPDU(ins: 0xB0, p1: 0, p2: 0, ne: 1, extended: true)
        #expect(Hex.encode(try forced.withExpectedLength(0x20).encoded()) == "00B00000000020")
        // Extended because Ne needed it: the resend stays in the framing the card already accepted.
        let big = try CommandAPDU(ins: 0xB0, p1: 0, p2: 0, ne: 1000)
        #expect(try big.withExpectedLength(16).apduCase == .case2Extended)
        // A short command grows to extended when the new Ne needs it.
        let small = try CommandAPDU(ins: 0xB0, p1: 0, p2: 0, ne: 16)
        #expect(try small.withExpectedLength(300).apduCase == .case2Extended)
    }

    @Test(arguments: [0, 65537])
    func rejectsInvalidNe(_ ne: Int) throws {
        let read = try CommandAPDU(ins: 0xB0, p1: 0, p2: 0, ne: 256)
        expectCodecError(.invalidLength) { () throws(CodecError) in try read.withExpectedLength(ne) }
    }
}

// MARK: - Description and secrets

@Suite("CommandAPDU description")
struct CommandAPDUDescriptionTests {
    /// VERIFY, CHANGE REFERENCE DATA, DISABLE/ENABLE VERIFICATION REQUIREMENT and RESET RETRY COUNTER,
    /// in their even and odd INS forms.
    static let secretInstructions: [UInt8] = [0x20, 0x21, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2C, 0x2D]

    @Test(arguments: secretInstructions)
    func pinIsNeverShown(_ ins: UInt8) throws {
        for pin in ["1234", "ABC123XYZ", "55021720352285"] {
            let secret = Array(pin.utf8)
            for cla: UInt8 in [0x00, 0x0C, 0x80] {
                for ne in [nil, 256, 65536] as [Int?] {
                    let apdu = try CommandAPDU(cla: cla, ins: ins, p1: 0x00, p2: 0x80, data: secret, ne: ne)
                    #expect(apdu.carriesSecret)
                    let text = apdu.description
                    #expect(!text.contains(Hex.encode(secret)))
                    #expect(!text.contains(Hex.encode(secret, separator: " ")))
                    #expect(!text.lowercased().contains(Hex.encode(secret).lowercased()))
                    #expect(!text.contains(pin))
                    #expect(text.contains("<\(secret.count) bytes redacted>"))
                    #expect(text.contains("Lc=\(secret.count)"))
                    // Interpolation and debug descriptions go through the same path.
                    #expect(!"\(apdu)".contains(Hex.encode(secret)))
                    #expect(!String(reflecting: apdu).contains(Hex.encode(secret)))
                }
            }
        }
    }

    @Test func onlyVerificationInstructionsAreSecret() throws {
        for ins in UInt8.min...UInt8.max {
            let apdu = try CommandAPDU(ins: ins, p1: 0, p2: 0, data: [0x31])
            #expect(apdu.carriesSecret == Self.secretInstructions.contains(ins), "INS \(Hex.encode([ins]))")
        }
    }

    @Test func ordinaryCommandsAreShownInFull() throws {
        let select = try CommandAPDU(decoding: bytes("00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01"))
        #expect(select.description == "00 A4 04 0C Lc=10 D392F000260100000001")
        let read = try CommandAPDU(decoding: bytes("00 B0 8A 00 00 00 00"))
        #expect(read.description == "00 B0 8A 00 Ne=65536")
        let emptyVerify = try CommandAPDU(decoding: bytes("00 20 00 80"))
        #expect(emptyVerify.description == "00 20 00 80")
        let verify = try CommandAPDU(decoding: bytes("00 20 00 80 04 31 32 33 34"))
        #expect(verify.description == "00 20 00 80 Lc=4 <4 bytes redacted>")
    }
}
