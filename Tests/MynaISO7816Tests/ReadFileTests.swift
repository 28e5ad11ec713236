import MynaCodec
import MynaISO7816
import MynaTransport
import Testing

@Suite("Whole-file reads")
struct ReadFileTests {
    // MARK: The APDU counts the issue asks for

    @Test("1.5 KB certificate by SFI + extended Le: exactly one READ BINARY, 00 B0 8A 00 00 00 00")
    func certificateExtended() async throws {
        let (fake, card) = try await jpkiCard()
        let data = try await card.readFile(Fixtures.certificateFID)
        #expect(data == Fixtures.certificate)
        #expect(data.count == 1504)
        #expect(fake.commands == ["00 B0 8A 00 00 00 00"])
        #expect(fake.readBinaryCount == 1)
        #expect(card.capabilities == ISO7816Card.Capabilities(extendedLength: .supported, shortFileIdentifiers: .supported))
    }

    @Test("Short-only card, capability unknown: one 6700, then ceil(1504/256) = 6 reads; later files skip the 6700")
    func certificateShortOnlyLearned() async throws {
        let (fake, card) = try await jpkiCard(FakeCard.Options(extendedLength: false))
        let data = try await card.readFile(Fixtures.certificateFID)
        #expect(data == Fixtures.certificate)
        #expect(
            fake.commands == [
                "00 B0 8A 00 00 00 00",  // 6700
                "00 B0 8A 00 00",
                "00 B0 01 00 00",
                "00 B0 02 00 00",
                "00 B0 03 00 00",
                "00 B0 04 00 00",
                "00 B0 05 00 E0",
            ])
        #expect(card.capabilities.extendedLength == .unsupported)
        #expect(card.capabilities.shortFileIdentifiers == .supported)

        fake.clearLog()
        #expect(try await card.readFile(Fixtures.certificateFID) == Fixtures.certificate)
        #expect(fake.commands == shortReadSequence(total: 1504, sfi: 0x0A))
        #expect(fake.readBinaryCount == 6)
    }

    @Test("Short-only card, capability preset unsupported: exactly ceil(1504/256) = 6 reads")
    func certificateShortOnlyPreset() async throws {
        let (fake, card) = try await jpkiCard(
            FakeCard.Options(extendedLength: false), capabilities: .init(extendedLength: .unsupported))
        #expect(try await card.readFile(Fixtures.certificateFID) == Fixtures.certificate)
        #expect(fake.commands == shortReadSequence(total: 1504, sfi: 0x0A))
        #expect(fake.readBinaryCount == 6)
    }

    struct SizeCase: Sendable, CustomTestStringConvertible {
        var total: Int
        var filler: Int
        var testDescription: String { "\(total) bytes + \(filler) filler" }
    }

    static let sizes: [SizeCase] = [2, 129, 255, 256, 257, 511, 512, 513, 768, 1504, 4096, 8000].flatMap {
        [SizeCase(total: $0, filler: 0), SizeCase(total: $0, filler: 37)]
    }

    @Test("Extended card: any TLV file in one READ BINARY", arguments: sizes)
    func sizesExtended(size: SizeCase) async throws {
        let content = Fixtures.tlv(totalLength: size.total) + Array(repeating: 0xFF, count: size.filler)
        let (fake, card) = try await jpkiCard(jpki: Fixtures.jpkiApplet(certificate: content))
        #expect(try await card.readFile(Fixtures.certificateFID) == Array(content.prefix(size.total)))
        #expect(fake.commands == ["00 B0 8A 00 00 00 00"])
    }

    @Test("Short-only card: exactly ceil(length/256) READ BINARYs, the last one asking only for the rest", arguments: sizes)
    func sizesShortOnly(size: SizeCase) async throws {
        let content = Fixtures.tlv(totalLength: size.total) + Array(repeating: 0xFF, count: size.filler)
        let (fake, card) = try await jpkiCard(
            FakeCard.Options(extendedLength: false), capabilities: .init(extendedLength: .unsupported),
            jpki: Fixtures.jpkiApplet(certificate: content))
        #expect(try await card.readFile(Fixtures.certificateFID) == Array(content.prefix(size.total)))
        #expect(fake.readBinaryCount == (size.total + 255) / 256)
        #expect(fake.commands == shortReadSequence(total: size.total, sfi: 0x0A))
    }

    // MARK: Layouts

    @Test("A 1-byte file: fixedLength(1) asks for 1 byte; wholeFile asks for all and takes the short answer")
    func oneByteFile() async throws {
        let jpki = Fixtures.jpkiApplet(extraFiles: [0x000B: .init([0x42])])
        let (fake, card) = try await jpkiCard(jpki: jpki)
        #expect(try await card.readFile(FileIdentifier(0x000B), layout: .fixedLength(1)) == [0x42])
        #expect(try await card.readFile(FileIdentifier(0x000B), layout: .wholeFile) == [0x42])
        #expect(fake.commands == ["00 B0 8B 00 01", "00 B0 8B 00 00 00 00"])

        let (shortFake, shortCard) = try await jpkiCard(
            FakeCard.Options(extendedLength: false), capabilities: .init(extendedLength: .unsupported), jpki: jpki)
        #expect(try await shortCard.readFile(FileIdentifier(0x000B), layout: .wholeFile) == [0x42])
        #expect(shortFake.commands == ["00 B0 8B 00 00"])
    }

    @Test("fixedLength(160) token info: one READ BINARY with Le A0")
    func tokenInfo() async throws {
        let (fake, card) = try await jpkiCard()
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
        let (fake, card) = try await jpkiCard(jpki: Fixtures.jpkiApplet(extraFiles: [0x0006: .init(Array(Fixtures.tokenInfo.prefix(100)))]))
        let error = await #expect(throws: CardCommandError.self) {
            try await card.readFile(Fixtures.tokenInfoFID, layout: .fixedLength(160))
        }
        #expect(error?.code == .malformedResponse)
        #expect(error?.instruction == .readBinary)
        #expect(fake.commands == ["00 B0 86 00 A0", "00 B0 00 64 3C"])
    }

    @Test("wholeFile: the 17-byte number file, FF FF filler included, after VERIFY")
    func numberFile() async throws {
        let fake = Fixtures.card()
        let card = ISO7816Card(transport: fake)
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
        let fake = Fixtures.card()
        let card = ISO7816Card(transport: fake)
        try await card.select(Fixtures.text)
        let error = await #expect(throws: CardCommandError.self) {
            try await card.readFile(Fixtures.numberFID, layout: .wholeFile)
        }
        #expect(error?.code == .securityStatusNotSatisfied)
        #expect(error?.statusWord == .securityStatusNotSatisfied)
        #expect(error?.instruction == .readBinary)
    }

    // MARK: Fallbacks and the end of the file

    @Test("6Cxx: resent with the exact Le the card asked for (T=0 card, no normaliser)")
    func wrongLeFallback() async throws {
        let fake = Fixtures.card(FakeCard.Options(t0: true))
        let card = ISO7816Card(transport: fake)
        try await card.select(Fixtures.text)
        try await card.verify(Fixtures.textPINFID, referenceData: SecretBytes(utf8: "1234"))
        fake.clearLog()
        #expect(try await card.readFile(Fixtures.numberFID, layout: .wholeFile) == Fixtures.numberFile)
        #expect(fake.commands == ["00 B0 81 00 00 00 00", "00 B0 81 00 00", "00 B0 81 00 11"])
        #expect(card.capabilities.extendedLength == .unsupported)
    }

    @Test("6Cxx through the response normaliser: the same three APDUs on the wire")
    func wrongLeNormalised() async throws {
        let fake = Fixtures.card(FakeCard.Options(t0: true))
        let card = ISO7816Card(transport: fake.normalizingResponses())
        try await card.select(Fixtures.text)
        try await card.verify(Fixtures.textPINFID, referenceData: SecretBytes(utf8: "1234"))
        fake.clearLog()
        #expect(try await card.readFile(Fixtures.numberFID, layout: .wholeFile) == Fixtures.numberFile)
        #expect(fake.commands == ["00 B0 81 00 00 00 00", "00 B0 81 00 00", "00 B0 81 00 11"])
    }

    @Test("T=0 card: the certificate in 6700 + 6 short reads, no 6Cxx because the last Le is exact")
    func certificateT0() async throws {
        let (fake, card) = try await jpkiCard(FakeCard.Options(t0: true))
        #expect(try await card.readFile(Fixtures.certificateFID) == Fixtures.certificate)
        #expect(fake.commands == ["00 B0 8A 00 00 00 00"] + shortReadSequence(total: 1504, sfi: 0x0A))
    }

    @Test("6282 with the last bytes ends a wholeFile read", arguments: [true, false])
    func endOfFileWarning(extended: Bool) async throws {
        let content = (0..<300).map { UInt8(truncatingIfNeeded: $0) }
        let (fake, card) = try await jpkiCard(
            FakeCard.Options(extendedLength: extended, shortReadStatus: .warningEndOfFile),
            capabilities: .init(extendedLength: extended ? .unknown : .unsupported),
            jpki: Fixtures.jpkiApplet(extraFiles: [0x000C: .init(content)]))
        #expect(try await card.readFile(FileIdentifier(0x000C), layout: .wholeFile) == content)
        #expect(fake.commands == (extended ? ["00 B0 8C 00 00 00 00"] : ["00 B0 8C 00 00", "00 B0 01 00 00"]))
    }

    @Test("6282 at the end of a TLV file with no filler: one READ BINARY, and extended length is learned")
    func endOfFileWarningTLV() async throws {
        let (fake, card) = try await jpkiCard(
            FakeCard.Options(shortReadStatus: .warningEndOfFile), jpki: Fixtures.jpkiApplet(certificate: Fixtures.certificate))
        #expect(try await card.readFile(Fixtures.certificateFID) == Fixtures.certificate)
        #expect(fake.commands == ["00 B0 8A 00 00 00 00"])
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
            FakeCard.Options(extendedLength: false), capabilities: .init(extendedLength: .unsupported),
            jpki: Fixtures.jpkiApplet(extraFiles: [0x000C: .init(content)]))
        #expect(try await card.readFile(FileIdentifier(0x000C), layout: .wholeFile) == content)
        #expect(fake.commands == ["00 B0 8C 00 00", "00 B0 01 00 00", "00 B0 02 00 00"])
    }

    @Test("A header that claims more bytes than the file holds: malformedResponse, no partial data", arguments: [true, false])
    func truncatedFile(extended: Bool) async throws {
        let content = Array(Fixtures.certificate.prefix(1004))  // header says 1504
        let (fake, card) = try await jpkiCard(
            FakeCard.Options(extendedLength: extended), capabilities: .init(extendedLength: extended ? .unknown : .unsupported),
            jpki: Fixtures.jpkiApplet(certificate: content))
        let error = await #expect(throws: CardCommandError.self) { try await card.readFile(Fixtures.certificateFID) }
        #expect(error?.code == .malformedResponse)
        #expect(error?.instruction == .readBinary)
        if extended {
            #expect(fake.commands == ["00 B0 8A 00 00 00 00", "00 B0 03 EC 00 01 F4"])
        } else {
            #expect(fake.commands == shortReadSequence(total: 1024, sfi: 0x0A) + ["00 B0 03 EC 00"])
        }
    }

    @Test("A file that ends inside its TLV header, and an empty file: malformedResponse")
    func noTLV() async throws {
        let (_, card) = try await jpkiCard(jpki: Fixtures.jpkiApplet(certificate: [0x30, 0x82, 0x05]))
        let error = await #expect(throws: CardCommandError.self) { try await card.readFile(Fixtures.certificateFID) }
        #expect(error?.code == .malformedResponse)

        let (_, emptyCard) = try await jpkiCard(jpki: Fixtures.jpkiApplet(certificate: []))
        let emptyError = await #expect(throws: CardCommandError.self) { try await emptyCard.readFile(Fixtures.certificateFID) }
        #expect(emptyError?.code == .malformedResponse)
    }

    // MARK: Without SFI

    @Test("SFI unsupported (6A86): SELECT + offset reads, and remembered")
    func sfiUnsupported() async throws {
        let (fake, card) = try await jpkiCard(FakeCard.Options(shortFileIdentifiers: false))
        #expect(try await card.readFile(Fixtures.certificateFID) == Fixtures.certificate)
        #expect(fake.commands == ["00 B0 8A 00 00 00 00", "00 A4 02 0C 02 00 0A", "00 B0 00 00 00 00 00"])
        #expect(card.capabilities == ISO7816Card.Capabilities(extendedLength: .supported, shortFileIdentifiers: .unsupported))

        fake.clearLog()
        #expect(try await card.readFile(Fixtures.tokenInfoFID, layout: .fixedLength(160)) == Fixtures.tokenInfo)
        #expect(fake.commands == ["00 A4 02 0C 02 00 06", "00 B0 00 00 A0"])
    }

    @Test("SFI and extended length both preset unsupported: SELECT + ceil(len/256) offset reads")
    func noSFINoExtended() async throws {
        let (fake, card) = try await jpkiCard(
            FakeCard.Options(extendedLength: false, shortFileIdentifiers: false),
            capabilities: .init(extendedLength: .unsupported, shortFileIdentifiers: .unsupported))
        #expect(try await card.readFile(Fixtures.certificateFID) == Fixtures.certificate)
        #expect(fake.commands == ["00 A4 02 0C 02 00 0A"] + shortReadSequence(total: 1504, sfi: nil))
    }

    @Test("No SFI, short-only and T=0, all learned: the fallbacks chain within one chunk")
    func everyFallback() async throws {
        let fake = Fixtures.card(FakeCard.Options(shortFileIdentifiers: false, t0: true))
        let card = ISO7816Card(transport: fake)
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
        let (fake, card) = try await jpkiCard(jpki: Fixtures.jpkiApplet(extraFiles: [0x2F01: .init(content)]))
        #expect(try await card.readFile(FileIdentifier(0x2F01)) == content)
        #expect(fake.commands == ["00 A4 02 0C 02 2F 01", "00 B0 00 00 00 00 00"])
        #expect(card.capabilities == ISO7816Card.Capabilities(extendedLength: .supported, shortFileIdentifiers: .unknown))
    }

    @Test("A file the card does not have: 6A82 from READ BINARY by SFI")
    func missingFile() async throws {
        let (fake, card) = try await jpkiCard()
        let error = await #expect(throws: CardCommandError.self) { try await card.readFile(FileIdentifier(0x0005)) }
        #expect(error?.code == .fileNotFound)
        #expect(error?.instruction == .readBinary)
        #expect(fake.commands == ["00 B0 85 00 00 00 00"])
    }
}
