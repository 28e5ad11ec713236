import MynaCodec
import MynaISO7816
import MynaTransport
import Testing

/// The test double must behave like a card, or the tests above prove nothing.
@Suite("FakeCard")
struct FakeCardTests {
    private func send(_ card: FakeCard, _ hex: String) async throws -> String {
        let response = try await card.transmit(CommandAPDU(decoding: Hex.decode(hex)))
        return Hex.encode(response.encoded())
    }

    @Test("READ BINARY semantics: offsets, SFI, short and extended Ne, the end of the file")
    func readBinary() async throws {
        let card = Fixtures.card(jpki: Fixtures.jpkiApplet(extraFiles: [0x000C: .init([1, 2, 3, 4, 5])]))
        #expect(try await send(card, "00B08C0000") == "6986")  // no applet selected
        #expect(try await send(card, Fixtures.selectJPKI) == "9000")
        #expect(try await send(card, "00B08C0000") == "01020304059000")
        #expect(try await send(card, "00B08C0000") == "01020304059000")
        #expect(try await send(card, "00B0000302") == "04059000")
        #expect(try await send(card, "00B0000400") == "059000")
        #expect(try await send(card, "00B0000500") == "6B00")
        #expect(try await send(card, "00B0000000FFFF") == "01020304059000")
        #expect(try await send(card, "00B08D0000") == "6A82")
        #expect(try await send(card, "00B00000") == "6700")
    }

    @Test("Modes: short-only (6700), no SFI (6A86), T=0 (6Cxx), 6282 at the end")
    func modes() async throws {
        let jpki = Fixtures.jpkiApplet(extraFiles: [0x000C: .init([1, 2, 3])])
        let shortOnly = Fixtures.card(FakeCard.Options(extendedLength: false), jpki: jpki)
        _ = try await send(shortOnly, Fixtures.selectJPKI)
        #expect(try await send(shortOnly, "00B08C00000000") == "6700")
        #expect(try await send(shortOnly, "00B08C0000") == "0102039000")

        let noSFI = Fixtures.card(FakeCard.Options(shortFileIdentifiers: false), jpki: jpki)
        _ = try await send(noSFI, Fixtures.selectJPKI)
        #expect(try await send(noSFI, "00B08C0000") == "6A86")
        #expect(try await send(noSFI, "00A4020C02000C") == "9000")
        #expect(try await send(noSFI, "00B0000000") == "0102039000")

        let t0 = Fixtures.card(FakeCard.Options(t0: true), jpki: jpki)
        _ = try await send(t0, Fixtures.selectJPKI)
        #expect(try await send(t0, "00B08C0000") == "6C03")
        #expect(try await send(t0, "00B08C0003") == "0102039000")
        #expect(try await send(t0, "00B08C0002") == "01029000")

        let warning = Fixtures.card(FakeCard.Options(shortReadStatus: .warningEndOfFile), jpki: jpki)
        _ = try await send(warning, Fixtures.selectJPKI)
        #expect(try await send(warning, "00B08C0000") == "0102036282")
        #expect(try await send(warning, "00B08C0003") == "0102039000")
    }

    @Test("VERIFY counter: empty VERIFY spends nothing, wrong values count down to 63C0, then 6984")
    func verifyCounter() async throws {
        let card = Fixtures.card()
        _ = try await send(card, Fixtures.selectJPKI)
        #expect(try await send(card, "00A4020C020018") == "9000")
        #expect(try await send(card, "00200080") == "63C3")
        #expect(try await send(card, "0020008004 39393939") == "63C2")
        #expect(try await send(card, "00200080") == "63C2")
        #expect(try await send(card, "0020008004 31323334") == "9000")
        #expect(try await send(card, "00200080") == "63C3")
        for expected in ["63C2", "63C1", "63C0", "6984", "6984"] {
            #expect(try await send(card, "0020008004 39393939") == expected)
        }
        #expect(try await send(card, "00200080") == "63C0")
        #expect(try await send(card, "0020008004 31323334") == "6984")
    }

    @Test("Logs every command and resets")
    func log() async throws {
        let card = Fixtures.card()
        _ = try await send(card, Fixtures.selectJPKI)
        try await card.reset()
        _ = try await send(card, "00B08A00000000")
        #expect(card.commands == [Fixtures.selectJPKI, "RESET", "00 B0 8A 00 00 00 00"])
        // After the reset no applet is selected.
        #expect(try await send(card, "00B08A0000") == "6986")
    }
}
