import MynaCodec
import MynaTransport
import Testing

/// 6Cxx is answered by a resend only for commands that may be sent twice: never a VERIFY (a quirky card that
/// counted the first one would lose a second try), never a command that changes the card's state, never one
/// without Le.
@Suite("Response normaliser: commands never resent")
struct ResponseNormalizingResendTests {
    private static func send(_ transport: some CardTransport, _ hex: String) async throws -> ResponseAPDU {
        try await transport.transmit(CommandAPDU(decoding: Hex.decode(hex)))
    }

    @Test("A card that answers VERIFY with 6C04: exactly one VERIFY is sent and the 6C04 comes back as is")
    func verifyAnsweredWrongLe() async throws {
        // The script holds one exchange: a second VERIFY would be a deviation (an error) and an incomplete
        // expectation would not be met.
        let base = ScriptedTransport([("00 20 00 81 04 31 32 33 34 00", "6C04")])
        let response = try await Self.send(base.normalizingResponses(), "00 20 00 81 04 31323334 00")
        #expect(response.statusWord == StatusWord(0x6C04))
        #expect(response.data.isEmpty)
        base.expectComplete()
    }

    @Test(
        "Commands that carry a secret or change the card's state are sent once on 6Cxx",
        arguments: [
            "00 20 00 81 04 31 32 33 34",  // VERIFY without Le (case 3)
            "00 24 01 81 08 31 32 33 34 35 36 37 38 00",  // CHANGE REFERENCE DATA
            "00 2C 00 81 04 31 32 33 34 00",  // RESET RETRY COUNTER
            "80 2A 00 80 03 01 02 03 00",  // COMPUTE DIGITAL SIGNATURE (JPKI)
            "00 2A 9E 9A 03 01 02 03 00",  // PERFORM SECURITY OPERATION
            "00 88 00 00 08 01 02 03 04 05 06 07 08 00",  // INTERNAL AUTHENTICATE
            "80 32 00 00 02 01 02 00",  // CHANGE KEY in class 80
            "00 D6 00 00 02 01 02",  // UPDATE BINARY, no Le
            "00 22 41 B6 03 84 01 01",  // MANAGE SECURITY ENVIRONMENT
            "80 CA 00 00 00",  // a proprietary-class command: its meaning is the card's
        ])
    func sentOnce(command: String) async throws {
        let base = ScriptedTransport([(command, "6C10")])
        let response = try await Self.send(base.normalizingResponses(), command)
        #expect(response.statusWord == StatusWord(0x6C10))
        base.expectComplete()
    }

    @Test("A command without Le is never resent, even one that only reads")
    func noLe() async throws {
        let base = ScriptedTransport([("00 A4 04 0C 02 3F 00", "6C02")])
        let response = try await Self.send(base.normalizingResponses(), "00A4040C023F00")
        #expect(response.statusWord == StatusWord(0x6C02))
        base.expectComplete()
    }

    @Test("Reads that expect data are still resent with the exact Le")
    func readsStillResent() async throws {
        let base = ScriptedTransport([
            ("00 A4 02 0C 02 00 06 00", "6C02"), ("00 A4 02 0C 02 00 06 02", "0102 9000"),
            ("00 CA 01 00 00", "6C01"), ("00 CA 01 00 01", "AA 9000"),
        ])
        let transport = base.normalizingResponses()
        #expect(try await Self.send(transport, "00A4020C02000600").data == [1, 2])
        #expect(try await Self.send(transport, "00CA010000").data == [0xAA])
        base.expectComplete()
    }

    @Test("changesCardState and mayResendWithExactLength")
    func predicates() throws {
        func command(_ hex: String) throws -> CommandAPDU { try CommandAPDU(decoding: Hex.decode(hex)) }
        #expect(try command("00 20 00 81 04 31323334").changesCardState)
        #expect(try command("00 20 00 81 04 31323334").carriesSecret)
        #expect(try command("80 2A 00 80 01 01 00").changesCardState)
        #expect(try command("80 C0 00 00 10").changesCardState == false)  // GET RESPONSE in any class
        #expect(try command("00 B0 00 00 00").changesCardState == false)
        #expect(try command("00 B0 00 00 00").mayResendWithExactLength)
        #expect(try command("00 B0 00 00").mayResendWithExactLength == false)  // case 1: no Le
        #expect(try command("00 20 00 81 04 31323334 00").mayResendWithExactLength == false)
        #expect(try command("00 84 00 00 08").mayResendWithExactLength)  // GET CHALLENGE
    }
}
