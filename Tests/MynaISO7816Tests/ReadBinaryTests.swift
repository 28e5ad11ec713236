import MynaCodec
import MynaISO7816
import MynaTransport
import Testing

@Suite("READ BINARY")
struct ReadBinaryTests {
    @Test("Offset form: P1-P2 is the 15-bit offset, short Le")
    func offsetForm() async throws {
        let (fake, card) = try await jpkiCard()
        try await card.select(file: Fixtures.certificateFID)
        let response = try await card.readBinary(offset: 0x0102, count: 16)
        #expect(response.data == Array(Fixtures.certificateFile[0x0102..<0x0112]))
        #expect(response.statusWord == .success)
        #expect(fake.commands == ["00 A4 02 0C 02 00 0A", "00 B0 01 02 10"])
    }

    @Test("Offset form with Ne 256 (Le 00), extended Ne and Ne 65536")
    func offsetFormLengths() async throws {
        let (fake, card) = try await jpkiCard()
        try await card.select(file: Fixtures.certificateFID)
        fake.clearLog()
        #expect(try await card.readBinary(offset: 0, count: 256).data.count == 256)
        #expect(try await card.readBinary(offset: 0, count: 2048).data == Fixtures.certificateFile)
        #expect(try await card.readBinary(offset: 0x0100, count: 65536).data.count == 2048 - 256)
        #expect(fake.commands == ["00 B0 00 00 00", "00 B0 00 00 00 08 00", "00 B0 01 00 00 00 00"])
    }

    @Test("Near the end of the file the card returns fewer bytes, with 9000 or 6282", arguments: [0x9000, 0x6282] as [UInt16])
    func shortRead(status: UInt16) async throws {
        let (fake, card) = try await jpkiCard(CardOptions(warnsAtEndOfFile: status == 0x6282))
        try await card.select(file: Fixtures.certificateFID)
        let response = try await card.readBinary(offset: 2000, count: 256)
        #expect(response.data == Array(Fixtures.certificateFile[2000...]))
        #expect(response.statusWord == StatusWord(status))
        #expect(fake.commands.last == "00 B0 07 D0 00")
    }

    @Test("Past the end of the file: 6B00 is an offsetOutOfRange error; the largest offset is 7FFF")
    func pastTheEnd() async throws {
        let (fake, card) = try await jpkiCard()
        try await card.select(file: Fixtures.certificateFID)
        let error = await #expect(throws: CardCommandError.self) { try await card.readBinary(offset: 0x7FFF, count: 1) }
        #expect(error?.code == .offsetOutOfRange)
        #expect(error?.statusWord == StatusWord(0x6B00))
        #expect(error?.instruction == .readBinary)
        #expect(fake.commands.last == "00 B0 7F FF 01")
    }

    @Test("Offsets outside 0…32767 are rejected before anything is sent", arguments: [32768, 40000, -1])
    func offsetRange(offset: Int) async throws {
        let (fake, card) = try await jpkiCard()
        let error = await #expect(throws: CodecError.self) { try await card.readBinary(offset: offset, count: 1) }
        #expect(error?.code == .invalidValue)
        #expect(fake.commands.isEmpty)
    }

    @Test("SFI form: P1 = 80|SFI, P2 = offset; it makes the EF current for offset reads")
    func sfiForm() async throws {
        let (fake, card) = try await jpkiCard()
        let first = try await card.readBinary(shortIdentifier: 0x0A, offset: 4, count: 8)
        let next = try await card.readBinary(offset: 12, count: 4)
        #expect(first.data == Array(Fixtures.certificateFile[4..<12]))
        #expect(next.data == Array(Fixtures.certificateFile[12..<16]))
        #expect(fake.commands == ["00 B0 8A 04 08", "00 B0 00 0C 04"])
    }

    @Test("SFI form with extended Le")
    func sfiFormExtended() async throws {
        let (fake, card) = try await jpkiCard()
        let response = try await card.readBinary(shortIdentifier: 0x06, offset: 0, count: 65536)
        #expect(response.data == Fixtures.tokenInfo)
        #expect(fake.commands == ["00 B0 86 00 00 00 00"])
    }

    @Test("SFI outside 1…30 and SFI offsets above 255 are rejected before anything is sent")
    func sfiRange() async throws {
        let (fake, card) = try await jpkiCard()
        await #expect(throws: CodecError.self) { try await card.readBinary(shortIdentifier: 0, offset: 0, count: 1) }
        await #expect(throws: CodecError.self) { try await card.readBinary(shortIdentifier: 31, offset: 0, count: 1) }
        await #expect(throws: CodecError.self) { try await card.readBinary(shortIdentifier: 1, offset: 256, count: 1) }
        #expect(fake.commands.isEmpty)
    }

    @Test("A short-only card answers 6700 to extended Le: a wrongLength error from readBinary")
    func shortOnlyCard() async throws {
        let (fake, card) = try await jpkiCard(CardOptions(extendedLength: false))
        let error = await #expect(throws: CardCommandError.self) {
            try await card.readBinary(shortIdentifier: 0x0A, offset: 0, count: 512)
        }
        #expect(error?.code == .wrongLength)
        #expect(error?.statusWord == .wrongLength)
        #expect(fake.commands == ["00 B0 8A 00 00 02 00"])
    }
}
