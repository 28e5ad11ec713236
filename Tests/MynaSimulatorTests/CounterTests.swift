import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator
import Testing

@Suite("Retry counters")
struct CounterTests {
    /// Every credential with its right value on the standard card.
    static let credentials: [(SimulatedCredential, String)] = [
        (.authenticationPIN, "1234"), (.signaturePassword, "ABC123"), (.cardInfoPIN, "1234"),
        (.cardInfoPINA, Persona.standard.pinA), (.cardInfoPINB, Persona.standard.pinB),
        (.birthDateKey, Persona.standard.birthDateKey), (.cardFacePINB, Persona.standard.pinB),
        (.cardFacePINA, Persona.standard.pinA), (.residentRegistryPIN, "1234"), (.commonCardPIN, "1234"),
    ]

    static func wrong(for right: String) -> String {
        String(right.map { $0 == "0" ? "1" : "0" })
    }

    @Test("63Cx → 63C0 on the exhausting attempt → 6984 ever after (right value included)", arguments: credentials)
    func exhaustion(credential: SimulatedCredential, right: String) async throws {
        let card = try SimulatedCard(persona: .standard)
        try card.open(credential.application, credential.file)
        let maximum = try #require(credential.maximumTries(in: card.profile))
        #expect(try card.send(APDU.emptyVerify()).sw == 0x63C0 | UInt16(maximum))
        for attempt in 1...maximum {
            let expected = 0x63C0 | UInt16(maximum - attempt)
            #expect(try card.send(APDU.verify(Self.wrong(for: right))).sw == expected)
            #expect(try card.send(APDU.emptyVerify()).sw == expected, "empty VERIFY spends nothing")
        }
        #expect(try card.send(APDU.verify(right)).sw == 0x6984)
        #expect(try card.send(APDU.verify(Self.wrong(for: right))).sw == 0x6984)
        #expect(try card.send(APDU.emptyVerify()).sw == 0x63C0)
        #expect(card.triesRemaining(credential) == 0)
        try await card.reset()
        try card.open(credential.application, credential.file)
        #expect(try card.send(APDU.verify(right)).sw == 0x6984, "a reset does not unblock")
    }

    @Test("success resets the counter; empty VERIFY after success still answers 63Cx", arguments: credentials)
    func successResets(credential: SimulatedCredential, right: String) throws {
        let card = try SimulatedCard(persona: .standard)
        try card.open(credential.application, credential.file)
        let maximum = try #require(credential.maximumTries(in: card.profile))
        #expect(try card.send(APDU.verify(Self.wrong(for: right))).sw == 0x63C0 | UInt16(maximum - 1))
        #expect(try card.send(APDU.verify(right)).sw == 0x9000)
        #expect(try card.send(APDU.emptyVerify()).sw == 0x63C0 | UInt16(maximum))
        #expect(card.triesRemaining(credential) == maximum)
    }

    @Test("a wrong VERIFY after a right one drops the verified state")
    func wrongAfterRight() throws {
        let card = try SimulatedCard(persona: .standard)
        try card.open(.jpki, JPKIFile.signaturePassword)
        #expect(try card.send(APDU.verify("ABC123")).sw == 0x9000)
        #expect(try card.send("00B0810004").sw == 0x9000)
        #expect(try card.send(APDU.verify("WRONG1", p2: 0x9B)).sw == 0x63C4)
        #expect(try card.send("00B0810004").sw == 0x6982)
    }

    @Test("the pinLocked persona starts blocked")
    func pinLocked() throws {
        let card = try SimulatedCard(persona: .pinLocked)
        try card.open(.jpki, JPKIFile.authenticationPIN)
        #expect(try card.send(APDU.emptyVerify()).sw == 0x63C0)
        #expect(try card.send(APDU.verify("1234")).sw == 0x6984)
        #expect(try card.send(APDU.verify("ABC123", p2: 0x9B)).sw == 0x9000, "the signature password still works")
    }

    @Test("a warm reset keeps counters and the verified state; a power-off keeps counters only")
    func resetKeepsCounters() async throws {
        let card = try SimulatedCard(persona: .standard)
        try card.open(.jpki, JPKIFile.authenticationPIN)
        #expect(try card.send(APDU.verify("0000")).sw == 0x63C2)
        #expect(try card.send(APDU.verify("ABC123", p2: 0x9B)).sw == 0x9000)
        let atr = try await card.reset()
        #expect(atr == SimulatedCard.defaultATR)
        #expect(try card.send("00B0810004").sw == 0x6A82, "nothing selected after reset")
        try card.open(.jpki)
        #expect(try card.send("00B0810004").sw == 0x9000, "the password is still verified (card facts §3)")
        #expect(try card.send(APDU.emptyVerify(p2: 0x98)).sw == 0x63C2)
        try await card.powerOff()
        try card.open(.jpki)
        #expect(try card.send("00B0810004").sw == 0x6982)
        #expect(try card.send(APDU.emptyVerify(p2: 0x98)).sw == 0x63C2)
    }

    @Test("a changed PIN is the one that verifies, and it persists through reset")
    func changedPIN() async throws {
        let card = try SimulatedCard(persona: .standard)
        try card.open(.cardInfoInputSupport, CardInfoInputSupportFile.pin)
        #expect(try card.send(APDU.verify("1234")).sw == 0x9000)
        #expect(try card.send(APDU.change("4321")).sw == 0x9000)
        try await card.reset()
        try card.open(.cardInfoInputSupport, CardInfoInputSupportFile.pin)
        #expect(try card.send(APDU.verify("1234")).sw == 0x63C2)
        #expect(try card.send(APDU.verify("4321")).sw == 0x9000)
    }
}
