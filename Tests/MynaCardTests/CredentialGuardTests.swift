import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator
import MynaTransport
import Testing

/// The guarded verification path is the only one: a look-alike credential cannot loosen a format, the
/// counter is read in a transaction, and the VERIFY the card gets is the ISO layer's one encoding.
@Suite struct CredentialGuardTests {
    /// A credential made with the same applet and reference as the user-authentication PIN but a looser
    /// format (only package code can make one; an app cannot).
    static let lookAlike = Credential(
        name: "loose PIN", application: .jpki, reference: JPKIFile.authenticationPIN,
        format: Credential.Format(minimumLength: 1, maximumLength: 16, allowsLetters: true), maximumTries: nil)

    @Test("a look-alike of a built-in credential is validated with the built-in format")
    func lookAlikeUsesTheBuiltInFormat() throws {
        #expect(Self.lookAlike == .userAuthenticationPIN)
        for value in ["12", "ABCD", "12345", "1234567890"] {
            #expect(throws: MyNumberCardError.self) { try Passcode(Self.lookAlike, value) }
        }
        let passcode = try Passcode(Self.lookAlike, "1234")
        #expect(passcode.credential.format == .digits(4))
        #expect(passcode.credential.name == Credential.userAuthenticationPIN.name)
    }

    @Test("a look-alike PIN-A still has its check digit checked")
    func lookAlikePINAChecksTheCheckDigit() {
        let loose = Credential(
            name: "loose PIN-A", application: .cardInfoInputSupport, reference: CardInfoInputSupportFile.pinA,
            format: .digits(12), maximumTries: nil)
        let error = #expect(throws: MyNumberCardError.self) { try Passcode(loose, "123456789012") }
        #expect(error?.code == .invalidCredentialFormat)
    }

    @Test("retryStatus reads the counter inside one transaction, spending nothing")
    func retryStatusInATransaction() async throws {
        let simulator = try SimulatedCard(persona: .standard)
        let recorder = TranscriptRecorder(responseData: .redacted)
        let card = MyNumberCard(transport: simulator.recording(into: recorder))
        #expect(try await card.retryStatus(of: .userAuthenticationPIN) == .remaining(3))
        let entries = recorder.transcript.entries
        #expect(entries.first == .beginTransaction)
        #expect(entries.last == .endTransaction)
        // begin, SELECT applet, (SELECT PIN EF unless the card takes VERIFY by short EF identifier), empty
        // VERIFY, end.
        #expect([4, 5].contains(entries.count))
        #expect(try await card.retryStatus(of: .signaturePassword) == .remaining(5))
    }

    @Test("retryStatus of a credential the card lacks is MyNumberCardError.notPresentOnThisCard")
    func retryStatusOfAMissingCredential() async throws {
        let card = MyNumberCard(transport: try SimulatedCard(persona: .faceAuthentication))
        let error = await cardError { try await card.retryStatus(of: .userAuthenticationPIN) }
        #expect(error?.code == .notPresentOnThisCard)
        #expect(error?.credential == .userAuthenticationPIN)
    }

    @Test("the guarded VERIFY is the ISO layer's one encoding of VERIFY")
    func oneVerifyEncoding() async throws {
        let counting = CountingTransport(try SimulatedCard(persona: .standard))
        let card = MyNumberCard(transport: counting)
        try await card.verify(Passcode(.cardInfoPIN, "1234"))
        // The last VERIFY with data (the operation logs out after it).
        let sent = try #require(counting.commands.last { $0.ins == 0x20 && !$0.data.isEmpty })
        // By short EF identifier (P2 = 80|11) where the card took that form, else to the selected EF (80).
        #expect([0x80, 0x91].contains(sent.p2))
        #expect(sent == (try ISO7816Card.verifyCommand(referenceData: SecretBytes(utf8: "1234"), p2: sent.p2)))
        #expect(sent.encoded() == [0x00, 0x20, 0x00, sent.p2, 0x04, 0x31, 0x32, 0x33, 0x34])
        #expect(counting.verifyWithData == 1)
    }
}
