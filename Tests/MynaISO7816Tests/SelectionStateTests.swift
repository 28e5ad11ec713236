import MynaCodec
import MynaISO7816
import MynaSimulator
import MynaTransport
import Testing

@Suite("Application selection state")
struct SelectionStateTests {
    @Test("selectIfNeeded skips a second SELECT of the same application")
    func selectIfNeededSkips() async throws {
        let fake = try TestCard()
        let card = ISO7816Card(transport: fake.transport)
        try await card.selectIfNeeded(Fixtures.jpki)
        try await card.selectIfNeeded(Fixtures.jpki)
        try await card.selectIfNeeded(Fixtures.text)
        try await card.selectIfNeeded(Fixtures.text)
        try await card.selectIfNeeded(Fixtures.jpki)
        #expect(fake.commands == [Fixtures.selectJPKI, Fixtures.selectText, Fixtures.selectJPKI])
    }

    @Test("select always sends SELECT, even for the selected application")
    func selectAlwaysSends() async throws {
        let fake = try TestCard()
        let card = ISO7816Card(transport: fake.transport)
        try await card.select(Fixtures.jpki)
        try await card.select(Fixtures.jpki)
        #expect(fake.commands == [Fixtures.selectJPKI, Fixtures.selectJPKI])
    }

    @Test("A reset forgets the selection: the next selectIfNeeded selects again")
    func resetForgets() async throws {
        let fake = try TestCard()
        let card = ISO7816Card(transport: fake.transport)
        try await card.selectIfNeeded(Fixtures.jpki)
        let atr = try await card.reset()
        #expect(atr == SimulatedCard.defaultATR)
        #expect(card.selectedApplication == nil)
        try await card.selectIfNeeded(Fixtures.jpki)
        #expect(fake.commands == [Fixtures.selectJPKI, Fixtures.selectJPKI])
        #expect(fake.counter.resetPositions == [1])  // the reset came between the two
    }

    @Test(
        "A transport error saying the card was reset or removed forgets the selection",
        arguments: [TransportError.Code.cardReset, .cardRemoved, .noCard])
    func transportErrorForgets(code: TransportError.Code) async throws {
        let transport = ScriptedTransport(steps: [
            .exchange(Fixtures.selectJPKI, "9000"),
            .failure("00 84 00 00 08", code),
            .exchange(Fixtures.selectJPKI, "9000"),
        ])
        let card = ISO7816Card(transport: transport)
        try await card.selectIfNeeded(Fixtures.jpki)
        let error = await #expect(throws: TransportError.self) { try await card.getChallenge() }
        #expect(error?.code == code)
        #expect(card.selectedApplication == nil)
        try await card.selectIfNeeded(Fixtures.jpki)
        transport.expectComplete()
    }

    @Test("Other transport errors keep the selection")
    func otherTransportErrorKeeps() async throws {
        let transport = ScriptedTransport(steps: [
            .exchange(Fixtures.selectJPKI, "9000"),
            .failure("00 84 00 00 08", .timeout),
        ])
        let card = ISO7816Card(transport: transport)
        try await card.selectIfNeeded(Fixtures.jpki)
        await #expect(throws: TransportError.self) { try await card.getChallenge() }
        #expect(card.selectedApplication == Fixtures.jpki)
        try await card.selectIfNeeded(Fixtures.jpki)
        transport.expectComplete()
    }

    @Test("invalidateSelection and a failed SELECT both forget the selection")
    func invalidate() async throws {
        let transport = ScriptedTransport([
            (Fixtures.selectJPKI, "9000"),
            (Fixtures.selectJPKI, "9000"),
            (Fixtures.selectText, "6A82"),
            (Fixtures.selectJPKI, "9000"),
        ])
        let card = ISO7816Card(transport: transport)
        try await card.selectIfNeeded(Fixtures.jpki)
        card.invalidateSelection()
        #expect(card.selectedApplication == nil)
        try await card.selectIfNeeded(Fixtures.jpki)
        await #expect(throws: CardCommandError.self) { try await card.selectIfNeeded(Fixtures.text) }
        #expect(card.selectedApplication == nil)
        try await card.selectIfNeeded(Fixtures.jpki)
        transport.expectComplete()
    }

    @Test("setCapabilities records what is known")
    func capabilities() throws {
        let card = ISO7816Card(transport: try TestCard().transport)
        #expect(card.capabilities == ISO7816Card.Capabilities())
        card.setCapabilities(.init(extendedLength: .unsupported, shortFileIdentifiers: .supported))
        #expect(card.capabilities.extendedLength == .unsupported)
        #expect(card.capabilities.shortFileIdentifiers == .supported)
    }
}
