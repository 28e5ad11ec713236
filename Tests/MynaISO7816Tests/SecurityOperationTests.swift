import MynaCodec
import MynaISO7816
import MynaTransport
import Testing

@Suite("COMPUTE DIGITAL SIGNATURE and GET CHALLENGE")
struct SecurityOperationTests {
    static let signCommand = "80 2A 00 80 33 " + Hex.encode(Fixtures.digestInfo, separator: " ") + " 00"

    @Test("COMPUTE DIGITAL SIGNATURE: select the key, then 80 2A 00 80 Lc DigestInfo 00 (case 4)")
    func sign() async throws {
        let (fake, card) = try await jpkiCard()
        try await card.verify(Fixtures.authenticationPINFID, referenceData: SecretBytes(utf8: "1234"))
        fake.clearLog()
        let signature = try await card.computeDigitalSignature(Fixtures.digestInfo, key: Fixtures.authenticationKeyFID)
        #expect(try Fixtures.isAuthenticationSignature(signature, of: Fixtures.digestInfo))
        #expect(fake.commands == ["00 A4 02 0C 02 00 17", Self.signCommand])

        fake.clearLog()
        _ = try await card.computeDigitalSignature(Fixtures.digestInfo, key: nil)
        #expect(fake.commands == [Self.signCommand])
    }

    static let signBySFICommand = "80 2A 00 97 33 " + Hex.encode(Fixtures.digestInfo, separator: " ") + " 00"

    @Test("Signing with the key named by SFI: 80 2A 00 97, no SELECT; remembered as supported")
    func signByShortIdentifier() async throws {
        let signature = Array(repeating: UInt8(0x5A), count: 256)
        let transport = ScriptedTransport([
            (Self.signBySFICommand, Hex.encode(signature) + "9000"),
            (Self.signBySFICommand, Hex.encode(signature) + "9000"),
        ])
        let card = ISO7816Card(transport: transport)
        #expect(try await card.computeDigitalSignature(Fixtures.digestInfo, keyByShortIdentifier: Fixtures.authenticationKeyFID) == signature)
        #expect(card.capabilities.signByShortIdentifier == .supported)
        #expect(try await card.computeDigitalSignature(Fixtures.digestInfo, keyByShortIdentifier: Fixtures.authenticationKeyFID) == signature)
        transport.expectComplete()
    }

    @Test("A card refusing P2 80|SFI (6A86): SELECT key EF + P2 80, and remembered")
    func signByShortIdentifierFallback() async throws {
        // Cards sign by SFI (card facts §3); this one is made to refuse it.
        let (fake, card) = try await jpkiCard()
        fake.injection.inject(.incorrectP1P2, for: .init(ins: 0x2A, byShortIdentifier: true), times: nil)
        try await card.verify(Fixtures.authenticationPINFID, referenceData: SecretBytes(utf8: "1234"))
        fake.clearLog()
        let signature = try await card.computeDigitalSignature(Fixtures.digestInfo, keyByShortIdentifier: Fixtures.authenticationKeyFID)
        #expect(try Fixtures.isAuthenticationSignature(signature, of: Fixtures.digestInfo))
        #expect(fake.commands == [Self.signBySFICommand, "00 A4 02 0C 02 00 17", Self.signCommand])
        #expect(card.capabilities.signByShortIdentifier == .unsupported)
        fake.clearLog()
        _ = try await card.computeDigitalSignature(Fixtures.digestInfo, keyByShortIdentifier: Fixtures.authenticationKeyFID)
        #expect(fake.commands == ["00 A4 02 0C 02 00 17", Self.signCommand])
    }

    @Test("Signing by SFI without the PIN: 6982 is an error, not a fallback")
    func signByShortIdentifierUnverified() async throws {
        let transport = ScriptedTransport([(Self.signBySFICommand, "6982")])
        let card = ISO7816Card(transport: transport)
        let error = await #expect(throws: CardCommandError.self) {
            try await card.computeDigitalSignature(Fixtures.digestInfo, keyByShortIdentifier: Fixtures.authenticationKeyFID)
        }
        #expect(error?.code == .securityStatusNotSatisfied)
        #expect(error?.instruction == .computeDigitalSignature)
        transport.expectComplete()
    }

    @Test("COMPUTE DIGITAL SIGNATURE without the PIN: 6982")
    func signWithoutPIN() async throws {
        let (_, card) = try await jpkiCard()
        let error = await #expect(throws: CardCommandError.self) {
            try await card.computeDigitalSignature(Fixtures.digestInfo, key: Fixtures.authenticationKeyFID)
        }
        #expect(error?.code == .securityStatusNotSatisfied)
        #expect(error?.instruction == .computeDigitalSignature)
    }

    @Test("A signature of the wrong length is malformedResponse", arguments: [0, 255, 257])
    func signWrongLength(count: Int) async throws {
        let transport = ScriptedTransport([
            (Self.signCommand, Hex.encode(Array(repeating: 0xAB, count: count)) + "9000")
        ])
        let card = ISO7816Card(transport: transport)
        let error = await #expect(throws: CardCommandError.self) {
            try await card.computeDigitalSignature(Fixtures.digestInfo, key: nil)
        }
        #expect(error?.code == .malformedResponse)
        #expect(error?.instruction == .computeDigitalSignature)
        #expect(error?.statusWord == .success)
        transport.expectComplete()
    }

    @Test("expectedLength and P2 00 for the text and surface applets' keys")
    func signOtherKey() async throws {
        let transport = ScriptedTransport([
            ("80 2A 00 00 03 01 02 03 00", Hex.encode(Array(repeating: 0x5A, count: 128)) + "9000")
        ])
        let card = ISO7816Card(transport: transport)
        let signature = try await card.computeDigitalSignature([1, 2, 3], key: nil, p2: 0x00, expectedLength: 128)
        #expect(signature == Array(repeating: 0x5A, count: 128))
        transport.expectComplete()
    }

    @Test("Signature input must be 1…255 bytes; nothing is sent otherwise")
    func signInputLength() async throws {
        let (fake, card) = try await jpkiCard()
        await #expect(throws: CodecError.self) { try await card.computeDigitalSignature([], key: Fixtures.authenticationKeyFID) }
        await #expect(throws: CodecError.self) {
            try await card.computeDigitalSignature(Array(repeating: 1, count: 256), key: Fixtures.authenticationKeyFID)
        }
        #expect(fake.commands.isEmpty)
    }

    @Test("T=0 card: 6100 then GET RESPONSE through the normaliser")
    func signT0Normalised() async throws {
        let fake = try TestCard(CardOptions(t0: true))
        let card = ISO7816Card(transport: fake.transport.normalizingResponses())
        try await card.select(Fixtures.jpki)
        try await card.verify(Fixtures.authenticationPINFID, referenceData: SecretBytes(utf8: "1234"))
        fake.clearLog()
        let signature = try await card.computeDigitalSignature(Fixtures.digestInfo, key: Fixtures.authenticationKeyFID)
        #expect(try Fixtures.isAuthenticationSignature(signature, of: Fixtures.digestInfo))
        #expect(fake.commands == ["00 A4 02 0C 02 00 17", Self.signCommand, "00 C0 00 00 00"])
    }

    @Test("T=0 card without the normaliser: 6100 is an error that keeps the status word")
    func signT0Raw() async throws {
        let fake = try TestCard(CardOptions(t0: true))
        let card = ISO7816Card(transport: fake.transport)
        try await card.select(Fixtures.jpki)
        try await card.verify(Fixtures.authenticationPINFID, referenceData: SecretBytes(utf8: "1234"))
        let error = await #expect(throws: CardCommandError.self) {
            try await card.computeDigitalSignature(Fixtures.digestInfo, key: Fixtures.authenticationKeyFID)
        }
        #expect(error?.code == .unexpectedStatus)
        #expect(error?.statusWord == StatusWord(0x6100))
    }

    @Test("GET CHALLENGE: 00 84 00 00 Le")
    func getChallenge() async throws {
        let (fake, card) = try await jpkiCard()
        let challenge = try await card.getChallenge()
        #expect(challenge.count == 8)
        #expect(challenge == fake.counter.responses.last?.data)  // the card's bytes, unchanged
        let long = try await card.getChallenge(count: 16)
        #expect(long.count == 16)
        #expect(long == fake.counter.responses.last?.data)
        #expect(fake.commands == ["00 84 00 00 08", "00 84 00 00 10"])
    }

    @Test("GET CHALLENGE with the wrong number of bytes is malformedResponse")
    func getChallengeWrongLength() async throws {
        let transport = ScriptedTransport([("00 84 00 00 08", "01020304" + "9000")])
        let card = ISO7816Card(transport: transport)
        let error = await #expect(throws: CardCommandError.self) { try await card.getChallenge() }
        #expect(error?.code == .malformedResponse)
        #expect(error?.instruction == .getChallenge)
        transport.expectComplete()
    }
}
