import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator
import MynaTransport
import Synchronization
import Testing

/// ``VerificationOptions/lastAttemptConsent``: asked once, in the same transaction, before anything that
/// spends a try; no sends nothing, yes sends exactly one VERIFY and the operation goes on.
@Suite struct LastAttemptConsentTests {
    /// Counts the questions and answers with a fixed decision.
    final class Consent: Sendable {
        let answer: Bool
        private let asked = Mutex<[LastAttemptQuestion]>([])
        init(_ answer: Bool) { self.answer = answer }
        var questions: [LastAttemptQuestion] { asked.withLock { $0 } }
        var options: VerificationOptions {
            VerificationOptions(lastAttemptConsent: { question in
                self.asked.withLock { $0.append(question) }
                return self.answer
            })
        }
    }

    @Test func decliningSendsNoVerify() async throws {
        let (card, sim, _) = try makeTestCard()
        sim.setTries(.cardInfoPIN, 1)
        let consent = Consent(false)
        let error = await cardError {
            _ = try await card.cardInfoInputSupport.individualNumber(using: Passcode(.cardInfoPIN, "1234"), options: consent.options)
        }
        #expect(error?.code == .lastAttemptRefused)
        #expect(error?.retriesRemaining == 1)
        #expect(error?.statusWord == StatusWord(0x63C1))
        #expect(consent.questions == [LastAttemptQuestion(credential: .cardInfoPIN, retriesRemaining: 1, statusWord: StatusWord(0x63C1))])
        #expect(sim.commands.filter(\.isVerifyWithData).isEmpty)
        #expect(sim.tries(.cardInfoPIN) == 1)
    }

    @Test func acceptingSendsExactlyOneVerifyAndTheOperationGoesOn() async throws {
        let (card, sim, _) = try makeTestCard()
        sim.setTries(.cardInfoPIN, 1)
        let consent = Consent(true)
        let number = try await card.cardInfoInputSupport.individualNumber(
            using: Passcode(.cardInfoPIN, "1234"), options: consent.options)
        #expect(number.digits.count == 12)
        #expect(consent.questions.count == 1)
        #expect(sim.commands.filter(\.isVerifyWithData).count == 1)
        // The counter was read once: nothing was run twice.
        #expect(sim.commands.filter(\.isEmptyVerify).count == 1)
        #expect(sim.tries(.cardInfoPIN) == 3)
    }

    @Test func aWrongValueAfterConsentBlocksAndIsNeverRetried() async throws {
        let (card, sim, _) = try makeTestCard()
        sim.setTries(.authenticationPIN, 1)
        let consent = Consent(true)
        let error = await cardError { try await card.verify(Passcode(.userAuthenticationPIN, "9999"), options: consent.options) }
        #expect(error?.code == .credentialBlocked)
        #expect(consent.questions.count == 1)
        #expect(sim.commands.filter(\.isVerifyWithData).count == 1)
    }

    @Test func notAskedWhenTriesRemainOrWithTheStaticYes() async throws {
        let (card, sim, _) = try makeTestCard()
        let consent = Consent(false)
        try await card.verify(Passcode(.cardInfoPIN, "1234"), options: consent.options)
        #expect(consent.questions.isEmpty)
        sim.setTries(.cardInfoPIN, 1)
        var options = consent.options
        options.allowLastAttempt = true
        try await card.verify(Passcode(.cardInfoPIN, "1234"), options: options)
        #expect(consent.questions.isEmpty)
        #expect(sim.commands.filter(\.isVerifyWithData).count == 2)
    }

    /// `9000` even after leaving for the ISD: the count is hidden, so any try may be the last.
    @Test(arguments: [UInt16(0x9000)])
    func aCardWithoutCounterIsAskedWithoutACount(_ answer: UInt16) async throws {
        let (card, sim, _) = try makeTestCard()
        sim.answerEmptyVerify(with: StatusWord(answer))
        let declining = Consent(false)
        let error = await cardError { try await card.verify(Passcode(.userAuthenticationPIN, "1234"), options: declining.options) }
        #expect(error?.code == .lastAttemptRefused)
        #expect(error?.retriesRemaining == nil)
        #expect(declining.questions.first?.retriesRemaining == nil)
        #expect(declining.questions.first?.statusWord == StatusWord(answer))
        #expect(sim.commands.filter(\.isVerifyWithData).isEmpty)
        let accepting = Consent(true)
        try await card.verify(Passcode(.userAuthenticationPIN, "1234"), options: accepting.options)
        #expect(accepting.questions.count == 1)
        #expect(sim.commands.filter(\.isVerifyWithData).count == 1)
    }

    /// `6300`: the reference has no retry limit (card facts §3) — no try is the last, nobody is asked, and
    /// exactly one VERIFY is sent.
    @Test func aReferenceWithoutALimitIsNotAsked() async throws {
        let (card, sim, _) = try makeTestCard()
        sim.answerEmptyVerify(with: StatusWord(0x6300))
        let declining = Consent(false)
        try await card.verify(Passcode(.userAuthenticationPIN, "1234"), options: declining.options)
        #expect(declining.questions.isEmpty)
        #expect(sim.commands.filter(\.isVerifyWithData).count == 1)
    }

    @Test func theQuestionNeverHoldsTheValue() {
        let question = LastAttemptQuestion(credential: .userAuthenticationPIN, retriesRemaining: 1, statusWord: StatusWord(0x63C1))
        var dumped = ""
        dump(question, to: &dumped)
        #expect(!question.description.contains("1234") && !dumped.contains("1234"))
        #expect(question.description.contains("63C1"))
    }
}

/// A refused pre-check keeps the card's exact status word: `63C0`, `6983` and `6984` all mean blocked.
@Suite struct PreCheckStatusWordTests {
    @Test(arguments: [UInt16(0x63C0), 0x6983, 0x6984])
    func blockedKeepsTheStatusWord(_ answer: UInt16) async throws {
        let (card, sim, _) = try makeTestCard()
        sim.answerEmptyVerify(with: StatusWord(answer))
        let error = await cardError {
            try await card.verify(Passcode(.userAuthenticationPIN, "1234"), options: VerificationOptions(allowLastAttempt: true))
        }
        #expect(error?.code == .credentialBlocked)
        #expect(error?.statusWord == StatusWord(answer))
        #expect(sim.commands.filter(\.isVerifyWithData).isEmpty)
    }
}
