import MynaCodec
import MynaISO7816
import MynaTransport
import Testing

@Suite("Whole-file reads")
struct ReadFileTests {
    // MARK: Time on the wire (issue 14): the first READ BINARY asks for about the content, never the filler

    @Test("Cold, extended card: 242 bytes by SFI (one APDU's worth on contactless), then exactly the rest")
    func certificateExtended() async throws {
        let (fake, card) = try await jpkiCard()
        let data = try await card.readFile(Fixtures.certificateFID)
        #expect(data == Fixtures.certificate)
        #expect(data.count == 1504)
        // 1504 − 242 = 1262 = 04EE: the 544 bytes of filler after the certificate are never asked for.
        #expect(fake.commands == ["00 B0 8A 00 F2", "00 B0 00 F2 00 04 EE"])
        #expect(card.capabilities == ISO7816Card.Capabilities(extendedLength: .supported, shortFileIdentifiers: .supported))
        #expect(card.sizeHints.hint(for: Fixtures.certificateFID, in: Fixtures.jpki) == .learned(1504))
    }

    @Test("The first Le is the link's APDU cost in bytes", arguments: [
        (LinkProfile.contactT1At9600, ["00 B0 8A 00 17", "00 B0 00 17 00 05 C9"]),  // 23 + 1481
        (LinkProfile.contactT1At115200, ["00 B0 8A 00 37", "00 B0 00 37 00 05 A9"]),  // 55 + 1449
        (LinkProfile.contactlessTypeBAt424k, ["00 B0 8A 00 F2", "00 B0 00 F2 00 04 EE"]),  // 242 + 1262
    ])
    func firstReadPerLink(profile: LinkProfile, expected: [String]) async throws {
        let (fake, card) = try await jpkiCard(capabilities: .init(link: profile))
        #expect(try await card.readFile(Fixtures.certificateFID) == Fixtures.certificate)
        #expect(fake.commands == expected)
    }

    @Test("Warm: a learned length is asked for in one READ BINARY (+ an eighth of an APDU's worth)")
    func certificateLearned() async throws {
        let (fake, card) = try await jpkiCard()
        _ = try await card.readFile(Fixtures.certificateFID)
        fake.clearLog()
        #expect(try await card.readFile(Fixtures.certificateFID) == Fixtures.certificate)
        #expect(fake.commands == ["00 B0 8A 00 00 05 FE"])  // 1504 + 242/8 = 1534

        // Shared hints: the next card is read in one command from the start.
        let hints = card.sizeHints
        let next = try TestCard(image: try Fixtures.image())
        let nextCard = ISO7816Card(transport: next.transport, sizeHints: hints)
        try await nextCard.select(Fixtures.jpki)
        next.clearLog()
        #expect(try await nextCard.readFile(Fixtures.certificateFID) == Fixtures.certificate)
        #expect(next.commands == ["00 B0 8A 00 00 05 FE"])
    }

    @Test("A learned length shorter than the next card's file: one exact read of the rest, nothing past the end")
    func learnedTooShort() async throws {
        let hints = ReadSizeHints()
        let small = Fixtures.tlv(totalLength: 1000) + Array(repeating: 0xFF, count: 1048)
        let reading = ISO7816Card(transport: try TestCard(image: try Fixtures.image(certificate: small)).transport, sizeHints: hints)
        try await reading.select(Fixtures.jpki)
        _ = try await reading.readFile(Fixtures.certificateFID)
        let fake = try TestCard()
        let card = ISO7816Card(transport: fake.transport, sizeHints: hints)
        try await card.select(Fixtures.jpki)
        fake.clearLog()
        #expect(try await card.readFile(Fixtures.certificateFID) == Fixtures.certificate)
        // 1000 + 30 = 1030 = 0406 first; 1504 − 1030 = 474 = 01DA exactly.
        #expect(fake.commands == ["00 B0 8A 00 00 04 06", "00 B0 04 06 00 01 DA"])
        #expect(hints.hint(for: Fixtures.certificateFID, in: Fixtures.jpki) == .learned(1504))
    }

    @Test("A stated (format-fixed) length is asked for exactly, and stays stated when the card confirms it")
    func certificateStated() async throws {
        let hints = ReadSizeHints()
        hints.expect(Fixtures.certificateFID, in: Fixtures.jpki, length: 1504)
        let fake = try TestCard()
        let card = ISO7816Card(transport: fake.transport, sizeHints: hints)
        try await card.select(Fixtures.jpki)
        fake.clearLog()
        #expect(try await card.readFile(Fixtures.certificateFID) == Fixtures.certificate)
        #expect(fake.commands == ["00 B0 8A 00 00 05 E0"])
        #expect(hints.hint(for: Fixtures.certificateFID, in: Fixtures.jpki) == .exact(1504))
    }

    @Test("Short-only card, capability unknown: the rest's extended Le gets one 6700, then 256-byte reads")
    func certificateShortOnlyLearned() async throws {
        let (fake, card) = try await jpkiCard(CardOptions(extendedLength: false))
        let data = try await card.readFile(Fixtures.certificateFID)
        #expect(data == Fixtures.certificate)
        #expect(
            fake.commands == [
                "00 B0 8A 00 F2",
                "00 B0 00 F2 00 04 EE",  // 6700
                "00 B0 00 F2 00",
                "00 B0 01 F2 00",
                "00 B0 02 F2 00",
                "00 B0 03 F2 00",
                "00 B0 04 F2 EE",
            ])
        #expect(card.capabilities.extendedLength == .unsupported)
        #expect(card.capabilities.shortFileIdentifiers == .supported)

        // Known short-only and length learned: exactly ceil(1504/256) = 6 reads.
        fake.clearLog()
        #expect(try await card.readFile(Fixtures.certificateFID) == Fixtures.certificate)
        #expect(fake.commands == shortReadSequence(total: 1504, sfi: 0x0A))
        #expect(fake.readBinaryCount == 6)
    }

    @Test("Short-only card, capability preset unsupported: ceil(1504/256) = 6 reads, no 6700")
    func certificateShortOnlyPreset() async throws {
        let (fake, card) = try await jpkiCard(
            CardOptions(extendedLength: false), capabilities: .init(extendedLength: .unsupported))
        #expect(try await card.readFile(Fixtures.certificateFID) == Fixtures.certificate)
        #expect(fake.commands == tlvReadSequence(total: 1504, first: coldFirstRead, maxNe: 256, sfi: 0x0A))
        #expect(fake.readBinaryCount == 6)
    }

    struct SizeCase: Sendable, CustomTestStringConvertible {
        var total: Int
        var filler: Int
        var testDescription: String { "\(total) bytes + \(filler) filler" }
    }

    static let sizes: [SizeCase] = [2, 129, 242, 243, 255, 256, 257, 511, 512, 513, 768, 1504, 4096, 8000].flatMap {
        [SizeCase(total: $0, filler: 0), SizeCase(total: $0, filler: 37)]
    }

    @Test("Extended card: one READ BINARY up to 242 bytes, else two — and never a byte of filler past 242", arguments: sizes)
    func sizesExtended(size: SizeCase) async throws {
        let content = Fixtures.tlv(totalLength: size.total) + Array(repeating: 0xFF, count: size.filler)
        let (fake, card) = try await jpkiCard(image: try Fixtures.image(certificate: content))
        #expect(try await card.readFile(Fixtures.certificateFID) == Array(content.prefix(size.total)))
        #expect(fake.commands == tlvReadSequence(total: size.total, first: coldFirstRead, sfi: 0x0A))
        #expect(fake.readBinaryCount == (size.total <= coldFirstRead ? 1 : 2))
    }

    @Test("Short-only card: the first read, then exactly what is left in 256-byte reads", arguments: sizes)
    func sizesShortOnly(size: SizeCase) async throws {
        let content = Fixtures.tlv(totalLength: size.total) + Array(repeating: 0xFF, count: size.filler)
        let (fake, card) = try await jpkiCard(
            CardOptions(extendedLength: false), capabilities: .init(extendedLength: .unsupported),
            image: try Fixtures.image(certificate: content))
        #expect(try await card.readFile(Fixtures.certificateFID) == Array(content.prefix(size.total)))
        #expect(fake.commands == tlvReadSequence(total: size.total, first: coldFirstRead, maxNe: 256, sfi: 0x0A))
    }

    @Test("The header does not fit the first answer: 8 more bytes for it, then exactly the content")
    func headerLongerThanFirstRead() async throws {
        let hints = ReadSizeHints()
        hints.expect(Fixtures.certificateFID, in: Fixtures.jpki, length: 2)  // a wrong statement: 2 bytes
        let content = Fixtures.tlv(totalLength: 300) + Array(repeating: 0xFF, count: 20)
        let fake = try TestCard(image: try Fixtures.image(certificate: content))
        let card = ISO7816Card(transport: fake.transport, sizeHints: hints)
        try await card.select(Fixtures.jpki)
        fake.clearLog()
        #expect(try await card.readFile(Fixtures.certificateFID) == Array(content.prefix(300)))
        #expect(fake.commands == ["00 B0 8A 00 02", "00 B0 00 02 08", "00 B0 00 0A 00 01 22"])  // 300 − 10 = 290
        #expect(hints.hint(for: Fixtures.certificateFID, in: Fixtures.jpki) == .learned(300))
    }

    @Test("On a link where an APDU costs less than a header, the first read still asks for 8 bytes")
    func headerProbeMinimum() async throws {
        var profile = LinkProfile.contactT1At9600
        profile.turnaround = .zero
        profile.blockOverheadBytes = 0
        profile.chainingGap = .zero
        #expect(profile.apduCostInBytes == 7)  // the command's 5 bytes and the status word
        let content = Fixtures.tlv(totalLength: 300) + Array(repeating: 0xFF, count: 20)
        let (fake, card) = try await jpkiCard(capabilities: .init(link: profile), image: try Fixtures.image(certificate: content))
        #expect(try await card.readFile(Fixtures.certificateFID) == Array(content.prefix(300)))
        #expect(fake.commands == ["00 B0 8A 00 08", "00 B0 00 08 00 01 24"])  // 300 − 8 = 292 = 0124
    }

    // MARK: Layouts

    @Test("A 1-byte file: fixedLength(1) asks for 1 byte; wholeFile asks for all and takes the short answer")
    func oneByteFile() async throws {
        let jpki = try Fixtures.image(extraFiles: [0x000B: [0x42]])
        let (fake, card) = try await jpkiCard(image: jpki)
        #expect(try await card.readFile(FileIdentifier(0x000B), layout: .fixedLength(1)) == [0x42])
        #expect(try await card.readFile(FileIdentifier(0x000B), layout: .wholeFile) == [0x42])
        #expect(fake.commands == ["00 B0 8B 00 01", "00 B0 8B 00 00 00 00"])

        let (shortFake, shortCard) = try await jpkiCard(
            CardOptions(extendedLength: false), capabilities: .init(extendedLength: .unsupported), image: jpki)
        #expect(try await shortCard.readFile(FileIdentifier(0x000B), layout: .wholeFile) == [0x42])
        #expect(shortFake.commands == ["00 B0 8B 00 00"])
    }

    @Test("fixedLength(160) token info: one READ BINARY with Le A0")
    func tokenInfo() async throws {
        let (fake, card) = try await jpkiCard()
        #expect(Fixtures.tokenInfo.count == 160)
        #expect(try await card.readFile(Fixtures.tokenInfoFID, layout: .fixedLength(160)) == Fixtures.tokenInfo)
        #expect(fake.commands == ["00 B0 86 00 A0"])
    }

    @Test("fixedLength(0) sends nothing; lengths outside 0…32768 are rejected")
    func fixedLengthBounds() async throws {
        let (fake, card) = try await jpkiCard()
        #expect(try await card.readFile(Fixtures.tokenInfoFID, layout: .fixedLength(0)) == [])
        await #expect(throws: CodecError.self) { try await card.readFile(Fixtures.tokenInfoFID, layout: .fixedLength(-1)) }
        await #expect(throws: CodecError.self) {
            try await card.readFile(Fixtures.tokenInfoFID, layout: .fixedLength(32769))
        }
        #expect(fake.commands.isEmpty)
    }

    @Test("fixedLength longer than the file: malformedResponse, not a short result")
    func fixedLengthTooLong() async throws {
        let (fake, card) = try await jpkiCard(image: try Fixtures.image(extraFiles: [0x0006: Array(Fixtures.tokenInfo.prefix(100))]))
        let error = await #expect(throws: CardCommandError.self) {
            try await card.readFile(Fixtures.tokenInfoFID, layout: .fixedLength(160))
        }
        #expect(error?.code == .malformedResponse)
        #expect(error?.instruction == .readBinary)
        #expect(fake.commands == ["00 B0 86 00 A0"])  // the short answer is the end: nothing past it is asked
    }

    @Test("wholeFile: the 17-byte number file, FF FF filler included, after VERIFY")
    func numberFile() async throws {
        let fake = try TestCard()
        let card = ISO7816Card(transport: fake.transport)
        try await card.select(Fixtures.text)
        try await card.verify(Fixtures.textPINFID, referenceData: SecretBytes(utf8: "1234"))
        fake.clearLog()
        let data = try await card.readFile(Fixtures.numberFID, layout: .wholeFile)
        #expect(data == Fixtures.numberFile)
        #expect(data.suffix(2) == [0xFF, 0xFF])
        #expect(fake.commands == ["00 B0 81 00 00 00 00"])
    }

    @Test("wholeFile without the PIN: 6982 from READ BINARY")
    func numberFileNeedsPIN() async throws {
        let fake = try TestCard()
        let card = ISO7816Card(transport: fake.transport)
        try await card.select(Fixtures.text)
        let error = await #expect(throws: CardCommandError.self) {
            try await card.readFile(Fixtures.numberFID, layout: .wholeFile)
        }
        #expect(error?.code == .securityStatusNotSatisfied)
        #expect(error?.statusWord == .securityStatusNotSatisfied)
        #expect(error?.instruction == .readBinary)
    }

    @Test("Issue 13.11: wholeFile on a short-only card, capability unknown: 6700, then every chunk — not 256 bytes as the whole")
    func wholeFileAfter6700() async throws {
        let content = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let (fake, card) = try await jpkiCard(
            CardOptions(extendedLength: false), image: try Fixtures.image(extraFiles: [0x000C: content]))
        let data = try await card.readFile(FileIdentifier(0x000C), layout: .wholeFile)
        #expect(data == content)
        #expect(data.count == 300)
        #expect(fake.commands == ["00 B0 8C 00 00 00 00", "00 B0 8C 00 00", "00 B0 01 00 00"])
        #expect(card.capabilities.extendedLength == .unsupported)
    }

    @Test("Issue 13.11 with a file of exactly 512 bytes: the third read's 6B00 ends it")
    func wholeFileAfter6700Multiple() async throws {
        let content = (0..<512).map { UInt8(truncatingIfNeeded: $0 &* 3) }
        let (fake, card) = try await jpkiCard(
            CardOptions(extendedLength: false), image: try Fixtures.image(extraFiles: [0x000C: content]))
        #expect(try await card.readFile(FileIdentifier(0x000C), layout: .wholeFile) == content)
        #expect(fake.commands == ["00 B0 8C 00 00 00 00", "00 B0 8C 00 00", "00 B0 01 00 00", "00 B0 02 00 00"])
    }

    // MARK: Fallbacks and the end of the file

    @Test("6Cxx: resent with the exact Le the card asked for (T=0 card, no normaliser)")
    func wrongLeFallback() async throws {
        let fake = try TestCard(CardOptions(t0: true))
        let card = ISO7816Card(transport: fake.transport)
        try await card.select(Fixtures.text)
        try await card.verify(Fixtures.textPINFID, referenceData: SecretBytes(utf8: "1234"))
        fake.clearLog()
        #expect(try await card.readFile(Fixtures.numberFID, layout: .wholeFile) == Fixtures.numberFile)
        #expect(fake.commands == ["00 B0 81 00 00 00 00", "00 B0 81 00 00", "00 B0 81 00 11"])
        #expect(card.capabilities.extendedLength == .unsupported)
    }

    @Test("6Cxx through the response normaliser: the same three APDUs on the wire")
    func wrongLeNormalised() async throws {
        let fake = try TestCard(CardOptions(t0: true))
        let card = ISO7816Card(transport: fake.transport.normalizingResponses())
        try await card.select(Fixtures.text)
        try await card.verify(Fixtures.textPINFID, referenceData: SecretBytes(utf8: "1234"))
        fake.clearLog()
        #expect(try await card.readFile(Fixtures.numberFID, layout: .wholeFile) == Fixtures.numberFile)
        #expect(fake.commands == ["00 B0 81 00 00 00 00", "00 B0 81 00 00", "00 B0 81 00 11"])
    }

    @Test("T=0 card: the certificate in 6 short reads and one 6700, no 6Cxx because every Le is exact")
    func certificateT0() async throws {
        let (fake, card) = try await jpkiCard(CardOptions(t0: true))
        #expect(try await card.readFile(Fixtures.certificateFID) == Fixtures.certificate)
        #expect(
            fake.commands
                == ["00 B0 8A 00 F2", "00 B0 00 F2 00 04 EE"]  // 6700
                + Array(tlvReadSequence(total: 1504, first: coldFirstRead, maxNe: 256, sfi: 0x0A).dropFirst()))
    }

    @Test("6282 with the last bytes ends a wholeFile read", arguments: [true, false])
    func endOfFileWarning(extended: Bool) async throws {
        let content = (0..<300).map { UInt8(truncatingIfNeeded: $0) }
        let (fake, card) = try await jpkiCard(
            CardOptions(extendedLength: extended, warnsAtEndOfFile: true),
            capabilities: .init(extendedLength: extended ? .unknown : .unsupported),
            image: try Fixtures.image(extraFiles: [0x000C: content]))
        #expect(try await card.readFile(FileIdentifier(0x000C), layout: .wholeFile) == content)
        #expect(fake.commands == (extended ? ["00 B0 8C 00 00 00 00"] : ["00 B0 8C 00 00", "00 B0 01 00 00"]))
    }

    @Test("6282 at the end of a TLV file with no filler: the learned read asks a little more and takes it")
    func endOfFileWarningTLV() async throws {
        let (fake, card) = try await jpkiCard(
            CardOptions(warnsAtEndOfFile: true), image: try Fixtures.image(certificate: Fixtures.certificate))
        #expect(try await card.readFile(Fixtures.certificateFID) == Fixtures.certificate)
        fake.clearLog()
        #expect(try await card.readFile(Fixtures.certificateFID) == Fixtures.certificate)
        #expect(fake.commands == ["00 B0 8A 00 00 05 FE"])  // 6282 with the 1504 bytes
        #expect(card.capabilities == ISO7816Card.Capabilities(extendedLength: .supported, shortFileIdentifiers: .supported))
    }

    @Test("6282 with no data after a full chunk ends the file")
    func endOfFileWarningEmpty() async throws {
        let content = (0..<256).map { UInt8(truncatingIfNeeded: $0 &* 3) }
        let transport = ScriptedTransport([
            ("00 B0 8C 00 00", Hex.encode(content) + "9000"),
            ("00 B0 01 00 00", "6282"),
        ])
        let card = ISO7816Card(transport: transport, capabilities: .init(extendedLength: .unsupported))
        #expect(try await card.readFile(FileIdentifier(0x000C), layout: .wholeFile) == content)
        transport.expectComplete()
    }

    @Test("6B00 after a full last chunk ends a wholeFile read")
    func offsetOutOfRangeAtEnd() async throws {
        let content = (0..<512).map { UInt8(truncatingIfNeeded: $0 &* 5) }
        let (fake, card) = try await jpkiCard(
            CardOptions(extendedLength: false), capabilities: .init(extendedLength: .unsupported),
            image: try Fixtures.image(extraFiles: [0x000C: content]))
        #expect(try await card.readFile(FileIdentifier(0x000C), layout: .wholeFile) == content)
        #expect(fake.commands == ["00 B0 8C 00 00", "00 B0 01 00 00", "00 B0 02 00 00"])
    }

    @Test("A header that claims more bytes than the file holds: malformedResponse, no partial data", arguments: [true, false])
    func truncatedFile(extended: Bool) async throws {
        let content = Array(Fixtures.certificate.prefix(1004))  // header says 1504
        let (fake, card) = try await jpkiCard(
            CardOptions(extendedLength: extended), capabilities: .init(extendedLength: extended ? .unknown : .unsupported),
            image: try Fixtures.image(certificate: content))
        let error = await #expect(throws: CardCommandError.self) { try await card.readFile(Fixtures.certificateFID) }
        #expect(error?.code == .malformedResponse)
        #expect(error?.instruction == .readBinary)
        if extended {
            #expect(fake.commands == ["00 B0 8A 00 F2", "00 B0 00 F2 00 04 EE"])  // 762 bytes come back
        } else {
            #expect(fake.commands == ["00 B0 8A 00 F2", "00 B0 00 F2 00", "00 B0 01 F2 00", "00 B0 02 F2 00"])
        }
    }

    @Test("A file that ends inside its TLV header, and an empty file: malformedResponse")
    func noTLV() async throws {
        let (_, card) = try await jpkiCard(image: try Fixtures.image(certificate: [0x30, 0x82, 0x05]))
        let error = await #expect(throws: CardCommandError.self) { try await card.readFile(Fixtures.certificateFID) }
        #expect(error?.code == .malformedResponse)

        let (_, emptyCard) = try await jpkiCard(image: try Fixtures.image(certificate: []))
        let emptyError = await #expect(throws: CardCommandError.self) { try await emptyCard.readFile(Fixtures.certificateFID) }
        #expect(emptyError?.code == .malformedResponse)
    }

    // MARK: Without SFI

    @Test("SFI unsupported (6A86): SELECT + offset reads, and remembered")
    func sfiUnsupported() async throws {
        let (fake, card) = try await jpkiCard(CardOptions(shortFileIdentifiers: false))
        #expect(try await card.readFile(Fixtures.certificateFID) == Fixtures.certificate)
        #expect(fake.commands == ["00 B0 8A 00 F2", "00 A4 02 0C 02 00 0A", "00 B0 00 00 F2", "00 B0 00 F2 00 04 EE"])
        #expect(card.capabilities == ISO7816Card.Capabilities(extendedLength: .supported, shortFileIdentifiers: .unsupported))

        fake.clearLog()
        #expect(Fixtures.tokenInfo.count == 160)
        #expect(try await card.readFile(Fixtures.tokenInfoFID, layout: .fixedLength(160)) == Fixtures.tokenInfo)
        #expect(fake.commands == ["00 A4 02 0C 02 00 06", "00 B0 00 00 A0"])
    }

    @Test("SFI and extended length both preset unsupported: SELECT + ceil(len/256) offset reads")
    func noSFINoExtended() async throws {
        let (fake, card) = try await jpkiCard(
            CardOptions(extendedLength: false, shortFileIdentifiers: false),
            capabilities: .init(extendedLength: .unsupported, shortFileIdentifiers: .unsupported))
        #expect(try await card.readFile(Fixtures.certificateFID) == Fixtures.certificate)
        #expect(fake.commands == ["00 A4 02 0C 02 00 0A"] + tlvReadSequence(total: 1504, first: coldFirstRead, maxNe: 256, sfi: nil))
    }

    @Test("No SFI, short-only and T=0, all learned: the fallbacks chain within one chunk")
    func everyFallback() async throws {
        let fake = try TestCard(CardOptions(shortFileIdentifiers: false, t0: true))
        let card = ISO7816Card(transport: fake.transport)
        try await card.select(Fixtures.text)
        try await card.verify(Fixtures.textPINFID, referenceData: SecretBytes(utf8: "1234"))
        fake.clearLog()
        #expect(try await card.readFile(Fixtures.numberFID, layout: .wholeFile) == Fixtures.numberFile)
        #expect(
            fake.commands == [
                "00 B0 81 00 00 00 00",  // 6700
                "00 B0 81 00 00",  // 6A86
                "00 A4 02 0C 02 00 01",
                "00 B0 00 00 00",  // 6C11
                "00 B0 00 00 11",
            ])
    }

    @Test("A FID with no SFI is selected and read by offset; SFI support is not claimed")
    func fidWithoutSFI() async throws {
        let content = Fixtures.tlv(totalLength: 600)
        let (fake, card) = try await jpkiCard(image: try Fixtures.image(extraFiles: [0x2F01: content]))
        #expect(try await card.readFile(FileIdentifier(0x2F01)) == content)
        #expect(fake.commands == ["00 A4 02 0C 02 2F 01", "00 B0 00 00 F2", "00 B0 00 F2 00 01 66"])  // 242 + 358
        #expect(card.capabilities == ISO7816Card.Capabilities(extendedLength: .supported, shortFileIdentifiers: .unknown))
    }

    @Test("A file the card does not have: 6A82 from READ BINARY by SFI")
    func missingFile() async throws {
        let (fake, card) = try await jpkiCard()
        let error = await #expect(throws: CardCommandError.self) { try await card.readFile(FileIdentifier(0x0005)) }
        #expect(error?.code == .fileNotFound)
        #expect(error?.instruction == .readBinary)
        #expect(fake.commands == ["00 B0 85 00 F2"])
    }
}
