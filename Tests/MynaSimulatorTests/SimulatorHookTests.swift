import MynaCodec
import MynaISO7816
import MynaSimulator
import MynaTransport
import Testing

/// The hooks tests use instead of a private card emulator: a file's bytes replaced or removed in the
/// card image, and a status word injected for chosen commands.
@Suite("Simulator hooks: file overrides and injected status words")
struct SimulatorHookTests {
    /// The JPKI user-authentication certificate: free to read.
    static let file = FileIdentifier(0x000A)

    @Test("replacingFile serves exactly the given bytes; the rest of the card is unchanged")
    func replacedFile() async throws {
        let original = try CardImage(persona: .standard)
        let bytes: [UInt8] = [0x30, 0x82, 0x01]  // a header that promises more than the file holds
        let image = original.replacingFile(Self.file, of: .jpki, with: bytes)
        #expect(image.fileContent(application: .jpki, file: Self.file) == bytes)
        #expect(original.fileContent(application: .jpki, file: Self.file) != bytes)
        let other = FileIdentifier(0x000B)
        #expect(
            image.fileContent(application: .jpki, file: other)
                == original.fileContent(application: .jpki, file: other))

        let card = ISO7816Card(transport: SimulatedCard(image: image))
        try await card.select(.jpki)
        #expect(try await card.readFile(Self.file, layout: .fixedLength(3)) == bytes)
    }

    @Test("removingFile makes SELECT of the file answer 6A82")
    func removedFile() async throws {
        let image = try CardImage(persona: .standard).removingFile(Self.file, of: .jpki)
        let card = SimulatedCard(image: image)
        _ = try await card.transmit(CommandAPDU(ins: 0xA4, p1: 0x04, p2: 0x0C, data: ApplicationIdentifier.jpki.bytes))
        let response = try await card.transmit(CommandAPDU(ins: 0xA4, p1: 0x02, p2: 0x0C, data: Self.file.bytes))
        #expect(response.statusWord == .fileNotFound)
    }

    @Test("an injected status word answers the matching command once, after the ones it lets pass")
    func injectedStatusWord() async throws {
        let card = StatusWordInjection(try SimulatedCard(persona: .standard))
        let select = try CommandAPDU(ins: 0xA4, p1: 0x04, p2: 0x0C, data: ApplicationIdentifier.jpki.bytes)
        card.inject(StatusWord(0x6581), forInstruction: 0xA4, after: 1)
        #expect(try await card.transmit(select).statusWord == .success)
        #expect(try await card.transmit(select).statusWord == StatusWord(0x6581))
        #expect(try await card.transmit(select).statusWord == .success)
        #expect(card.injectedCommands.count == 1)
    }

    @Test("an injection matches P1, P2 and data when given, and times: nil answers every match")
    func injectionMatching() async throws {
        let card = StatusWordInjection(try SimulatedCard(persona: .standard))
        card.inject(.fileNotFound, for: .init(ins: 0xA4, p1: 0x04, data: ApplicationIdentifier.jpki.bytes), times: nil)
        let jpki = try CommandAPDU(ins: 0xA4, p1: 0x04, p2: 0x0C, data: ApplicationIdentifier.jpki.bytes)
        let common = try CommandAPDU(ins: 0xA4, p1: 0x04, p2: 0x0C, data: ApplicationIdentifier.commonCard.bytes)
        for _ in 0..<3 { #expect(try await card.transmit(jpki).statusWord == .fileNotFound) }
        #expect(try await card.transmit(common).statusWord == .success)
        // Reset passes through to the card (a layer).
        #expect(try await card.reset() == SimulatedCard.defaultATR)
    }
}
