import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator
import Testing

/// ``MyNumberCard/verify(_:options:)`` — a credential checked alone, with every guard.
@Suite struct VerificationTests {
    @Test func theRightPINIsVerifiedWithThreeAPDUs() async throws {
        let (card, sim, _) = try makeTestCard()
        try await card.verify(Passcode(.cardInfoPIN, "1234"))
        // SELECT applet, empty VERIFY, VERIFY — the PIN named by short EF identifier (P2 91), which the empty
        // VERIFY showed the card takes: no SELECT of the PIN EF; then the log-out (SELECT ISD first).
        #expect(beforeLogOut(sim.commands).map(\.ins) == [0xA4, 0x20, 0x20])
        #expect(sim.commands.filter { $0.ins == 0x20 }.map(\.p2) == [0x91, 0x91])
        #expect(logOutSelects(sim.commands).first?.data == ApplicationIdentifier.issuerSecurityDomain.bytes)
        #expect(sim.commands.filter(\.isEmptyVerify).count == 1)
        #expect(sim.commands.filter(\.isVerifyWithData).count == 1)
        #expect(sim.tries(.cardInfoPIN) == 3)
    }

    @Test func aWrongPINSpendsOneTryAndSaysHowManyAreLeft() async throws {
        let (card, sim, _) = try makeTestCard()
        let error = await cardError { try await card.verify(Passcode(.userAuthenticationPIN, "9999")) }
        #expect(error?.code == .wrongCredential)
        #expect(error?.credential == .userAuthenticationPIN)
        #expect(error?.retriesRemaining == 2)
        #expect(sim.commands.filter(\.isVerifyWithData).count == 1)  // never retried
        #expect(sim.tries(.authenticationPIN) == 2)
    }

    @Test func theLastTryNeedsConsent() async throws {
        let (card, sim, _) = try makeTestCard()
        sim.setTries(.cardInfoPIN, 1)
        let refused = await cardError { try await card.verify(Passcode(.cardInfoPIN, "1234")) }
        #expect(refused?.code == .lastAttemptRefused)
        #expect(refused?.retriesRemaining == 1)
        #expect(sim.commands.filter(\.isVerifyWithData).isEmpty)
        try await card.verify(Passcode(.cardInfoPIN, "1234"), options: VerificationOptions(allowLastAttempt: true))
        #expect(sim.commands.filter(\.isVerifyWithData).count == 1)
        #expect(sim.tries(.cardInfoPIN) == 3)
    }

    @Test func aBlockedCredentialIsRefusedEvenWithConsent() async throws {
        let (card, sim, _) = try makeTestCard()
        sim.setTries(.authenticationPIN, 0)
        let error = await cardError {
            try await card.verify(Passcode(.userAuthenticationPIN, "1234"), options: VerificationOptions(allowLastAttempt: true))
        }
        #expect(error?.code == .credentialBlocked)
        #expect(error?.retriesRemaining == 0)
        #expect(sim.commands.filter(\.isVerifyWithData).isEmpty)
    }

    @Test func verifyLeavesNothingVerified() async throws {
        let (card, sim, _) = try makeTestCard()
        try await card.verify(Passcode(.cardInfoPIN, "1234"))
        #expect(card.iso7816.selectedApplication == nil)
        sim.clearLog()
        // verify(_:) logged out: the next operation selects the applet and verifies on its own.
        _ = try await card.cardInfoInputSupport.individualNumber(using: Passcode(.cardInfoPIN, "1234"))
        #expect(beforeLogOut(sim.commands).first?.isSelectApplet == true)
        #expect(sim.commands.filter(\.isVerifyWithData).count == 1)
    }
}

/// A card that answers the empty VERIFY with `9000` hides its counter (some cards do when the reference is
/// verified): the reader leaves for the ISD, reads it again, and — still `9000` — treats the unknown count as
/// possibly one, so the value is sent only with ``VerificationOptions/allowLastAttempt``. `6300` means the
/// reference has no retry limit (card facts §3): the value is sent, and a wrong one costs nothing.
@Suite struct UnreportedRetryCounterTests {
    /// A card whose every empty VERIFY is answered `answer` (``SimulatedTestCard/answerEmptyVerify(with:)``).
    static func open(_ answer: UInt16) throws -> (card: MyNumberCard, sim: SimulatedTestCard) {
        let (card, sim, _) = try makeTestCard()
        sim.answerEmptyVerify(with: StatusWord(answer))
        return (card, sim)
    }

    @Test func a9000IsReadAgainAfterLeavingThenRefusedWithoutConsent() async throws {
        let (card, sim) = try Self.open(0x9000)
        let error = await cardError { try await card.verify(Passcode(.userAuthenticationPIN, "1234")) }
        #expect(error?.code == .lastAttemptRefused)
        #expect(error?.credential == .userAuthenticationPIN)
        #expect(error?.retriesRemaining == nil)
        #expect(error?.statusWord == .success)
        // The counter was asked for twice, around a SELECT of the ISD; no VERIFY with data reached the card.
        #expect(sim.commands.filter(\.isEmptyVerify).count == 2)
        #expect(sim.injection.injectedCommands.filter(\.isEmptyVerify).count == 2)  // both answered 9000
        #expect(
            sim.commands.contains { $0.isSelectApplet && $0.data == ApplicationIdentifier.issuerSecurityDomain.bytes })
        #expect(sim.commands.filter(\.isVerifyWithData).isEmpty)
        #expect(sim.tries(.authenticationPIN) == 3)
    }

    @Test func a6300MeansNoLimit() async throws {
        let (card, sim) = try Self.open(0x6300)
        try await card.verify(Passcode(.userAuthenticationPIN, "1234"))
        #expect(sim.commands.filter(\.isVerifyWithData).count == 1)
    }

    @Test(arguments: [UInt16(0x9000), 0x6300])
    func verifySendsExactlyOneVERIFYWithConsent(_ answer: UInt16) async throws {
        let (card, sim) = try Self.open(answer)
        try await card.verify(Passcode(.userAuthenticationPIN, "1234"), options: VerificationOptions(allowLastAttempt: true))
        #expect(sim.commands.filter(\.isVerifyWithData).count == 1)

        // A wrong value with consent: one VERIFY, the card's own count in the error.
        sim.clearLog()
        let error = await cardError {
            try await card.verify(Passcode(.userAuthenticationPIN, "9999"), options: VerificationOptions(allowLastAttempt: true))
        }
        #expect(error?.code == .wrongCredential)
        #expect(error?.retriesRemaining == 2)
        #expect(sim.commands.filter(\.isVerifyWithData).count == 1)
    }

    @Test func readsAndSigningAreGuardedTheSameWayOn9000() async throws {
        let (card, sim) = try Self.open(0x9000)
        let read = await cardError { try await card.cardInfoInputSupport.individualNumber(using: Passcode(.cardInfoPIN, "1234")) }
        #expect(read?.code == .lastAttemptRefused)
        let sign = await cardError { try await card.jpki.sign(message: [1], key: .userAuthentication, passcode: Passcode(.userAuthenticationPIN, "1234")) }
        #expect(sign?.code == .lastAttemptRefused)
        let change = await cardError {
            try await card.changePasscode(Passcode(.cardInfoPIN, "1234"), to: Passcode(.cardInfoPIN, "4321"))
        }
        #expect(change?.code == .lastAttemptRefused)
        #expect(sim.commands.filter(\.isVerifyWithData).isEmpty)
        #expect(sim.commands.filter { $0.ins == 0x24 || $0.ins == 0x2A }.isEmpty)

        let consent = VerificationOptions(allowLastAttempt: true)
        let number = try await card.cardInfoInputSupport.individualNumber(using: Passcode(.cardInfoPIN, "1234"), options: consent)
        #expect(number.digits.count == 12)
        #expect(sim.commands.filter(\.isVerifyWithData).count == 1)
    }
}
