import MynaCodec
import MynaISO7816
import MynaTransport
import Testing

@Suite("VERIFY and CHANGE REFERENCE DATA")
struct VerifyTests {
    static let pin = SecretBytes(utf8: "1234")
    static let wrongPIN = SecretBytes(utf8: "9999")

    @Test("Empty VERIFY (case 1) reads the counter without spending a try; a card refusing P2 80|SFI (6A86) is asked after SELECT, and remembered")
    func emptyVerify() async throws {
        let (fake, card) = try await jpkiCard()
        #expect(try await card.retryStatus(of: Fixtures.authenticationPINFID) == .remaining(3))
        #expect(card.capabilities.verifyByShortIdentifier == .unsupported)
        #expect(try await card.retryStatus(of: Fixtures.authenticationPINFID) == .remaining(3))
        #expect(
            fake.commands == [
                "00 20 00 98",  // 6A86: this card names references only by the current EF
                "00 A4 02 0C 02 00 18", "00 20 00 80", "00 A4 02 0C 02 00 18", "00 20 00 80",
            ])
        #expect(fake.triesLeft(.authenticationPIN) == 3)
        // Learned as refused: the VERIFY that carries the value selects the EF and uses P2 80.
        #expect(card.verifyParameter(for: Fixtures.authenticationPINFID) == 0x80)
    }

    @Test("A card that takes P2 80|SFI on the empty VERIFY: no SELECT, and the VERIFY with the value uses it too")
    func emptyVerifyByShortIdentifier() async throws {
        let transport = ScriptedTransport([
            ("00 20 00 98", "63C3"),
            ("00 20 00 98 04 31 32 33 34", "9000"),
            ("00 20 00 98", "63C3"),
        ])
        let card = ISO7816Card(transport: transport)
        #expect(card.verifyParameter(for: Fixtures.authenticationPINFID) == 0x80)  // not learned yet
        #expect(try await card.retryStatus(of: Fixtures.authenticationPINFID) == .remaining(3))
        #expect(card.capabilities.verifyByShortIdentifier == .supported)
        #expect(card.verifyParameter(for: Fixtures.authenticationPINFID) == 0x98)
        try await card.verify(Fixtures.authenticationPINFID, referenceData: Self.pin)
        #expect(try await card.retryStatus(of: Fixtures.authenticationPINFID) == .remaining(3))
        transport.expectComplete()
    }

    @Test("The short form is never learned from a VERIFY carrying a value: unknown → SELECT + P2 80")
    func verifyValueNeverProbesShortForm() async throws {
        let transport = ScriptedTransport([("00 A4 02 0C 02 00 18", "9000"), ("00 20 00 80 04 31 32 33 34", "9000")])
        let card = ISO7816Card(transport: transport)
        try await card.verify(Fixtures.authenticationPINFID, referenceData: Self.pin)
        #expect(card.capabilities.verifyByShortIdentifier == .unknown)
        transport.expectComplete()
    }

    @Test("A state status word to the short-form empty VERIFY (6982) is an error, not a reason to fall back")
    func emptyVerifyShortFormStateError() async throws {
        let transport = ScriptedTransport([("00 20 00 98", "6982")])
        let card = ISO7816Card(transport: transport)
        let error = await #expect(throws: CardCommandError.self) { try await card.retryStatus(of: Fixtures.authenticationPINFID) }
        #expect(error?.instruction == .verify)
        #expect(card.capabilities.verifyByShortIdentifier == .unknown)
        transport.expectComplete()
    }

    struct RetryCase: Sendable, CustomTestStringConvertible {
        var statusWord: String
        var expected: ISO7816Card.RetryStatus
        var testDescription: String { "\(statusWord) → \(expected)" }
    }

    @Test(
        "retryStatus maps the empty VERIFY's status word",
        arguments: [
            RetryCase(statusWord: "63C3", expected: .remaining(3)),
            RetryCase(statusWord: "63C0", expected: .blocked),
            RetryCase(statusWord: "63CF", expected: .remaining(15)),
            RetryCase(statusWord: "6983", expected: .blocked),
            RetryCase(statusWord: "6984", expected: .blocked),
            RetryCase(statusWord: "9000", expected: .noCounterReported),
            RetryCase(statusWord: "6300", expected: .noInformation),
        ])
    func retryStatusMapping(c: RetryCase) async throws {
        // A counter (63Cx, x > 0) shows the card takes P2 80|SFI; any other answer proves nothing about the
        // form, so the PIN EF is selected for a VERIFY that may follow.
        var script = [("00 20 00 98", c.statusWord)]
        if case .remaining = c.expected {} else { script.append(("00 A4 02 0C 02 00 18", "9000")) }
        let transport = ScriptedTransport(script)
        let card = ISO7816Card(transport: transport)
        #expect(try await card.retryStatus(of: Fixtures.authenticationPINFID) == c.expected)
        if case .remaining = c.expected {
            #expect(card.capabilities.verifyByShortIdentifier == .supported)
        } else {
            #expect(card.capabilities.verifyByShortIdentifier == .unknown)
        }
        transport.expectComplete()

        // The same through SELECT + P2 80 on a card that refuses the short form.
        let selecting = ScriptedTransport([
            ("00 20 00 98", "6A86"), ("00 A4 02 0C 02 00 18", "9000"), ("00 20 00 80", c.statusWord),
        ])
        let selectingCard = ISO7816Card(transport: selecting)
        #expect(try await selectingCard.retryStatus(of: Fixtures.authenticationPINFID) == c.expected)
        selecting.expectComplete()
    }

    @Test("retryStatus: 6A82 from VERIFY is an error naming VERIFY; from SELECT, naming SELECT (form not learned)")
    func retryStatusNotFound() async throws {
        let transport = ScriptedTransport([
            ("00 20 00 98", "6A82"), ("00 A4 02 0C 02 00 18", "9000"), ("00 20 00 80", "6A82"),
        ])
        let card = ISO7816Card(transport: transport)
        let error = await #expect(throws: CardCommandError.self) { try await card.retryStatus(of: Fixtures.authenticationPINFID) }
        #expect(error?.code == .fileNotFound)
        #expect(error?.statusWord == .fileNotFound)
        #expect(error?.instruction == .verify)
        transport.expectComplete()

        let (fake, fakeCard) = try await jpkiCard()
        let selectError = await #expect(throws: CardCommandError.self) { try await fakeCard.retryStatus(of: FileIdentifier(0x0019)) }
        #expect(selectError?.code == .fileNotFound)
        #expect(selectError?.instruction == .select)
        #expect(fake.commands == ["00 20 00 99", "00 A4 02 0C 02 00 19"])
        #expect(fakeCard.capabilities.verifyByShortIdentifier == .unknown)  // the reference is absent: nothing learned
    }

    @Test("VERIFY with the right PIN: 00 20 00 80 04 31 32 33 34 after selecting the PIN EF")
    func verifySuccess() async throws {
        let (fake, card) = try await jpkiCard()
        fake.simulated.setTriesRemaining(2, of: .authenticationPIN)
        try await card.verify(Fixtures.authenticationPINFID, referenceData: Self.pin)
        #expect(fake.commands == ["00 A4 02 0C 02 00 18", "00 20 00 80 04 31 32 33 34"])
        #expect(fake.triesLeft(.authenticationPIN) == 3)
    }

    @Test("VERIFY with a wrong PIN: verificationFailed with retriesRemaining; the error holds no PIN")
    func verifyWrong() async throws {
        let (fake, card) = try await jpkiCard()
        let error = await #expect(throws: CardCommandError.self) {
            try await card.verify(Fixtures.authenticationPINFID, referenceData: Self.wrongPIN)
        }
        #expect(error?.code == .verificationFailed)
        #expect(error?.retriesRemaining == 2)
        #expect(error?.statusWord == StatusWord(0x63C2))
        #expect(error?.instruction == .verify)
        let text = String(describing: error)
        #expect(!text.contains("9999") && !text.contains("39393939") && !text.contains("39 39"))
        #expect(try await card.retryStatus(of: Fixtures.authenticationPINFID) == .remaining(2))
        #expect(fake.commands(ins: 0x20) == ["00 20 00 80 04 39 39 39 39", "00 20 00 98", "00 20 00 80"])
    }

    @Test("Three wrong PINs: 63C2, 63C1, 63C0; then 6984 blocked; empty VERIFY still spends nothing")
    func verifyUntilBlocked() async throws {
        let (fake, card) = try await jpkiCard()
        var remaining: [Int?] = []
        for _ in 0..<3 {
            do {
                try await card.verify(Fixtures.authenticationPINFID, referenceData: Self.wrongPIN)
            } catch let error as CardCommandError {
                #expect(error.code == .verificationFailed)
                remaining.append(error.retriesRemaining)
            }
        }
        #expect(remaining == [2, 1, 0])
        #expect(try await card.retryStatus(of: Fixtures.authenticationPINFID) == .blocked)
        let error = await #expect(throws: CardCommandError.self) {
            try await card.verify(Fixtures.authenticationPINFID, referenceData: Self.pin)
        }
        #expect(error?.code == .referenceDataBlocked)
        #expect(error?.statusWord == .referenceDataBlocked)
        #expect(error?.retriesRemaining == 0)
        #expect(fake.triesLeft(.authenticationPIN) == 0)
    }

    @Test("VERIFY answered 6983: referenceDataBlocked")
    func verify6983() async throws {
        let transport = ScriptedTransport([("00 A4 02 0C 02 00 18", "9000"), ("00 20 00 80 04 31 32 33 34", "6983")])
        let card = ISO7816Card(transport: transport)
        let error = await #expect(throws: CardCommandError.self) {
            try await card.verify(Fixtures.authenticationPINFID, referenceData: Self.pin)
        }
        #expect(error?.code == .referenceDataBlocked)
        #expect(error?.statusWord == .authenticationMethodBlocked)
        transport.expectComplete()
    }

    @Test("Reference data must be 1…255 bytes; nothing is sent otherwise")
    func referenceDataLength() async throws {
        let (fake, card) = try await jpkiCard()
        await #expect(throws: CodecError.self) {
            try await card.verify(Fixtures.authenticationPINFID, referenceData: SecretBytes([]))
        }
        await #expect(throws: CodecError.self) {
            try await card.verify(Fixtures.authenticationPINFID, referenceData: SecretBytes(Array(repeating: 0x31, count: 256)))
        }
        await #expect(throws: CodecError.self) {
            try await card.changeReferenceData(Fixtures.authenticationPINFID, newReferenceData: SecretBytes([]))
        }
        #expect(fake.commands.isEmpty)
    }

    @Test("CHANGE REFERENCE DATA: 00 24 01 80 Lc new, after VERIFY; the new PIN then verifies")
    func changeReferenceData() async throws {
        let (fake, card) = try await jpkiCard()
        try await card.verify(Fixtures.authenticationPINFID, referenceData: Self.pin)
        fake.clearLog()
        try await card.changeReferenceData(Fixtures.authenticationPINFID, newReferenceData: SecretBytes(utf8: "5678"))
        #expect(fake.commands == ["00 A4 02 0C 02 00 18", "00 24 01 80 04 35 36 37 38"])
        try await card.verify(Fixtures.authenticationPINFID, referenceData: SecretBytes(utf8: "5678"))
        await #expect(throws: CardCommandError.self) {
            try await card.verify(Fixtures.authenticationPINFID, referenceData: Self.pin)
        }
    }

    @Test("CHANGE REFERENCE DATA without VERIFY: 6982 naming CHANGE REFERENCE DATA")
    func changeReferenceDataUnverified() async throws {
        let (_, card) = try await jpkiCard()
        let error = await #expect(throws: CardCommandError.self) {
            try await card.changeReferenceData(Fixtures.authenticationPINFID, newReferenceData: SecretBytes(utf8: "5678"))
        }
        #expect(error?.code == .securityStatusNotSatisfied)
        #expect(error?.instruction == .changeReferenceData)
        #expect(error?.description.contains("CHANGE REFERENCE DATA") == true)
    }
}
