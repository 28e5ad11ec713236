import MynaCodec
import MynaISO7816
import MynaTransport
import Testing

@Suite("SELECT")
struct SelectTests {
    @Test("SELECT by DF name sends 00 A4 04 0C Lc AID and remembers the application")
    func selectByAID() async throws {
        let fake = try TestCard()
        let card = ISO7816Card(transport: fake.transport)
        try await card.select(Fixtures.jpki)
        #expect(fake.commands == [Fixtures.selectJPKI])
        #expect(card.selectedApplication == Fixtures.jpki)
    }

    @Test("SELECT of an unknown AID fails with 6A82 and leaves no application selected")
    func selectUnknownAID() async throws {
        let fake = try TestCard()
        let card = ISO7816Card(transport: fake.transport)
        try await card.select(Fixtures.jpki)
        let unknown = try ApplicationIdentifier([0xA0, 0x00, 0x00, 0x00, 0x01])
        let error = await #expect(throws: CardCommandError.self) { try await card.select(unknown) }
        #expect(error?.code == .fileNotFound)
        #expect(error?.statusWord == StatusWord(0x6A82))
        #expect(error?.instruction == .select)
        #expect(card.selectedApplication == nil)
        #expect(fake.commands == [Fixtures.selectJPKI, "00 A4 04 0C 05 A0 00 00 00 01"])
    }

    @Test("SELECT by file identifier sends 00 A4 02 0C 02 FID")
    func selectByFID() async throws {
        let (fake, card) = try await jpkiCard(image: try Fixtures.image(extraFiles: [0x2F01: [1, 2, 3]]))
        try await card.select(file: Fixtures.certificateFID)
        try await card.select(file: FileIdentifier(0x2F01))
        #expect(fake.commands == ["00 A4 02 0C 02 00 0A", "00 A4 02 0C 02 2F 01"])
        // EF selection does not change the selected application.
        #expect(card.selectedApplication == Fixtures.jpki)
    }

    @Test("SELECT of a missing EF fails with 6A82 naming SELECT")
    func selectMissingFID() async throws {
        let (fake, card) = try await jpkiCard()
        let error = await #expect(throws: CardCommandError.self) {
            try await card.select(file: FileIdentifier(0x0042))
        }
        #expect(error?.code == .fileNotFound)
        #expect(error?.instruction == .select)
        #expect(fake.commands == ["00 A4 02 0C 02 00 42"])
    }

    @Test("AIDs are 1…16 bytes")
    func aidLength() throws {
        #expect(throws: CodecError.self) { try ApplicationIdentifier([]) }
        #expect(throws: CodecError.self) { try ApplicationIdentifier(Array(repeating: 0xA0, count: 17)) }
        #expect(try ApplicationIdentifier(Array(repeating: 0xA0, count: 16)).bytes.count == 16)
        #expect(Fixtures.jpki.description == "D392F000260100000001")
    }

    @Test(
        "Short EF identifiers are the FIDs 0001…001E",
        arguments: [
            (UInt16(0x0000), UInt8?.none), (0x0001, 1), (0x000A, 10), (0x001E, 30), (0x001F, nil), (0x2F01, nil),
            (0x010A, nil),
        ])
    func shortIdentifier(fid: UInt16, sfi: UInt8?) {
        #expect(FileIdentifier(fid).shortIdentifier == sfi)
        #expect(FileIdentifier(fid).bytes == [UInt8(fid >> 8), UInt8(fid & 0xFF)])
    }
}
