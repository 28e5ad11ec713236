import Foundation
import MynaCard
import MynaISO7816
import MynaKit
import MynaSimulator
import Testing

/// What the model says a credential is.
struct ModelCredential {
    var remaining: Int
    let maximum: Int
    var value: String
}

/// The card's security status as the model predicts it (card facts §3): the applet last selected and the
/// credentials verified in it. Re-selecting the same applet keeps them; selecting another applet clears them.
/// Nothing in MynaCard may rely on a re-select to clear a verified state, so the model does not either.
///
///
/// Every library operation that verifies logs out before it returns (``MyNumberCard/logOut()``), so after
/// such a step nothing is verified and the ISD is current (``loggedOut()``); a raw SELECT step or an empty
/// VERIFY moves between applets without verifying.
struct ModelSecurity {
    var applet: ApplicationIdentifier?
    var verified: Set<SimulatedCredential> = []

    /// A SELECT of `applet`: another applet clears what was verified.
    mutating func select(_ applet: ApplicationIdentifier) {
        if self.applet != applet { verified = [] }
        self.applet = applet
    }

    /// The log-out that ends every verifying operation: the ISD selected, nothing verified.
    mutating func loggedOut() {
        verified = []
        applet = .issuerSecurityDomain
    }
}

/// What the model predicts a step does.
enum Prediction: Equatable {
    /// Refused before any VERIFY with data was sent, with this MynaCard error code.
    case refused(MyNumberCardError.Code)
    /// One VERIFY sent, accepted (and, for a change, one CHANGE REFERENCE DATA sent).
    case accepted
    /// One VERIFY sent, rejected, this many tries left (0: the credential is now blocked).
    case rejected(left: Int)
    /// Nothing sent that spends a try (counter read, SELECT, a malformed value).
    case nothingSpent
}

@Suite("Model-based: random credential steps against the simulated card")
struct ModelBasedTests {
    static let credentials: [Credential] = [.userAuthenticationPIN, .signaturePassword, .cardInfoPIN, .cardInfoPINB, .cardFacePINB]
    static let changeable: Set<String> = [Credential.userAuthenticationPIN.name, Credential.signaturePassword.name, Credential.cardInfoPIN.name]
    static let applets: [ApplicationIdentifier] = [.jpki, .cardInfoInputSupport, .cardFaceConfirmation, .commonCard]

    enum Step: CaseIterable {
        case verifyRight, verifyWrong, emptyVerify, select, changeRight, changeWrong, malformed
    }

    static func initialModel(_ persona: Persona) -> [String: ModelCredential] {
        let values = persona.credentials
        return [
            Credential.userAuthenticationPIN.name: ModelCredential(remaining: 3, maximum: 3, value: values?.authenticationPIN ?? ""),
            Credential.signaturePassword.name: ModelCredential(remaining: 5, maximum: 5, value: values?.signaturePassword ?? ""),
            Credential.cardInfoPIN.name: ModelCredential(remaining: 3, maximum: 3, value: values?.cardInfoPIN ?? ""),
            Credential.cardInfoPINB.name: ModelCredential(remaining: 10, maximum: 10, value: persona.pinB),
            Credential.cardFacePINB.name: ModelCredential(remaining: 10, maximum: 10, value: persona.pinB),
        ]
    }

    /// A value of the credential's format that differs from `value`.
    static func wrongValue(for credential: Credential, not value: String, _ rng: inout SplitMix64) -> String {
        switch credential {
        case .signaturePassword:
            let candidate = "WRONG" + String(rng.next() % 1000)
            return candidate == value ? "WRONG9999" : candidate
        case .cardInfoPINB, .cardFacePINB:
            let last = value.last.flatMap { $0.wholeNumberValue } ?? 0
            return String(value.dropLast()) + String((last + 1 + Int(rng.next() % 9)) % 10)
        default:
            var candidate = value
            while candidate == value { candidate = String(format: "%04d", Int(rng.next() % 10_000)) }
            return candidate
        }
    }

    /// A fresh right-format value for a changeable credential.
    static func newValue(for credential: Credential, _ rng: inout SplitMix64) -> String {
        if credential == .signaturePassword {
            let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
            return String((0..<(6 + Int(rng.next() % 5))).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
        }
        return String(format: "%04d", Int(rng.next() % 10_000))
    }

    /// MynaCard's guarded VERIFY, through its public ``MyNumberCard/verify(_:options:)`` — the same guards
    /// every MynaCard operation that needs a credential goes through (format already checked by `Passcode`;
    /// empty VERIFY first; refusal when blocked, or on the last try or an unreported count without the
    /// option; one VERIFY). No RSA work (certificate parsing, record signature checks) runs in the loop.
    static func verify(_ passcode: Passcode, on card: MyNumberCard, options: VerificationOptions) async throws {
        try await card.verify(passcode, options: options)
    }

    /// The model's prediction for spending a try on `credential` with `value`, and its new state.
    static func predict(_ model: inout ModelCredential, value: String, allowLast: Bool, newValue: String?) -> Prediction {
        if model.remaining == 0 { return .refused(.credentialBlocked) }
        if model.remaining == 1 && !allowLast { return .refused(.lastAttemptRefused) }
        if value == model.value {
            model.remaining = model.maximum
            if let newValue { model.value = newValue }
            return .accepted
        }
        model.remaining -= 1
        return .rejected(left: model.remaining)
    }

    /// What a thrown error (or none) says happened; `verifySent`: whether a VERIFY with a value reached the
    /// card (a blocked refusal before any VERIFY and a last wrong value both say `credentialBlocked`, and both
    /// carry the card's status word).
    static func observed(_ error: (any Error)?, verifySent: Bool) -> Prediction? {
        guard let error else { return .accepted }
        guard let error = error as? MyNumberCardError else { return nil }
        switch error.code {
        case .wrongCredential: return .rejected(left: error.retriesRemaining ?? -1)
        case .credentialBlocked: return verifySent ? .rejected(left: 0) : .refused(.credentialBlocked)
        case .lastAttemptRefused: return .refused(.lastAttemptRefused)
        default: return nil
        }
    }

    @Test("10,000 seeded steps: predicted counters equal the card's; forbidden steps never reach it")
    func randomWalk() async throws {
        var rng = SplitMix64(seed: 0x4D59_4E41_4B49_5421)
        let persona = Persona.standard
        let image = try CardImage(persona: persona, now: buildInstant)
        var setup = SimulatedSetup(image: image)
        var model = Self.initialModel(persona)
        var security = ModelSecurity()
        var stats: [String: Int] = [:]
        let stepCount = 10_000

        for stepIndex in 0..<stepCount {
            let credential = Self.credentials[Int(rng.next() % UInt64(Self.credentials.count))]
            let roll = rng.next() % 100
            var step: Step =
                switch roll {
                case 0..<40: .verifyRight
                case 40..<62: .verifyWrong
                case 62..<70: .emptyVerify
                case 70..<78: .select
                case 78..<88: .changeRight
                case 88..<95: .changeWrong
                default: .malformed
                }
            if (step == .changeRight || step == .changeWrong) && !Self.changeable.contains(credential.name) { step = .verifyRight }
            let allowLast = rng.next() % 3 == 0
            let options = VerificationOptions(allowLastAttempt: allowLast)
            let verifiesBefore = setup.transport.verifyWithData
            let changesBefore = setup.transport.change
            var entry = model[credential.name] ?? ModelCredential(remaining: 0, maximum: 0, value: "")
            let prediction: Prediction
            var thrown: (any Error)?

            switch step {
            case .verifyRight, .verifyWrong:
                let value = step == .verifyRight ? entry.value : Self.wrongValue(for: credential, not: entry.value, &rng)
                prediction = Self.predict(&entry, value: value, allowLast: allowLast, newValue: nil)
                do { try await Self.verify(try Passcode(credential, value), on: setup.card, options: options) } catch { thrown = error }
            case .changeRight, .changeWrong:
                let value = step == .changeRight ? entry.value : Self.wrongValue(for: credential, not: entry.value, &rng)
                let replacement = Self.newValue(for: credential, &rng)
                prediction = Self.predict(&entry, value: value, allowLast: allowLast, newValue: replacement)
                do {
                    try await setup.card.changePasscode(try Passcode(credential, value), to: try Passcode(credential, replacement), options: options)
                } catch { thrown = error }
            case .emptyVerify:
                prediction = .nothingSpent
                _ = try await CredentialCounters(card: setup.card).counter(for: credential)
                security.select(credential.application)
            case .select:
                prediction = .nothingSpent
                let applet = Self.applets[Int(rng.next() % UInt64(Self.applets.count))]
                try await setup.card.iso7816.select(applet)
                security.select(applet)
            case .malformed:
                prediction = .nothingSpent
                let malformed = credential == .signaturePassword ? "AB-12" : "12a"
                do { try await Self.verify(try Passcode(credential, malformed), on: setup.card, options: options) } catch { thrown = error }
                #expect((thrown as? MyNumberCardError)?.code == .invalidCredentialFormat)
            }
            model[credential.name] = entry
            stats["\(step)/\(prediction)", default: 0] += 1
            switch prediction {
            case .accepted, .rejected, .refused: security.loggedOut()
            case .nothingSpent: break
            }
            // What stays verified on the card is what the model says: nothing, after every operation that
            // verified (the library logged out; a re-select of the same applet would have kept the state).
            #expect(
                setup.simulated.heldSecurityStatus == security.verified,
                "step \(stepIndex): \(step) on \(credential): the card holds \(setup.simulated.heldSecurityStatus)")
            if prediction == .accepted { stats["logged out after a success", default: 0] += 1 }

            // What reached the card is what the model allows.
            let verifiesSent = setup.transport.verifyWithData - verifiesBefore
            let changesSent = setup.transport.change - changesBefore
            switch prediction {
            case .refused, .nothingSpent:
                #expect(verifiesSent == 0, "step \(stepIndex): \(step) on \(credential) sent a VERIFY the model forbids")
                #expect(changesSent == 0)
            case .accepted:
                #expect(verifiesSent == 1, "step \(stepIndex)")
                #expect(changesSent == ((step == .changeRight) ? 1 : 0), "step \(stepIndex)")
            case .rejected:
                #expect(verifiesSent == 1, "step \(stepIndex)")
                #expect(changesSent == 0, "step \(stepIndex)")
            }
            if step != .emptyVerify && step != .select && step != .malformed {
                #expect(Self.observed(thrown, verifySent: verifiesSent > 0) == prediction, "step \(stepIndex): \(step) on \(credential): \(String(describing: thrown))")
            }

            // After every step the model's counters equal the card's; every 16th step they are read through the
            // library with empty VERIFY (which selects applets, so the security model follows), otherwise from
            // the simulated card, which leaves the verified state for the next step to carry.
            var blocked = 0
            if stepIndex % 16 == 0 {
                let counters = try await CredentialCounters(card: setup.card).counters(for: Self.credentials)
                for counter in counters {
                    #expect(counter.remaining == model[counter.credential.name]?.remaining, "step \(stepIndex): \(counter.credential)")
                    security.select(counter.credential.application)
                }
                blocked = counters.filter(\.isBlocked).count
            } else {
                for credential in Self.credentials {
                    let tries = SimulatedCredential(credential).flatMap { setup.simulated.triesRemaining($0) }
                    #expect(tries == model[credential.name]?.remaining, "step \(stepIndex): \(credential)")
                    if tries == 0 { blocked += 1 }
                }
            }
            if blocked >= 2 {
                setup = SimulatedSetup(image: image)
                model = Self.initialModel(persona)
                security = ModelSecurity()
                stats["reissue", default: 0] += 1
            }
        }
        // The walk covered every kind of outcome.
        for outcome in ["verifyRight/accepted", "verifyWrong/rejected(left: 0)", "changeRight/accepted", "reissue", "logged out after a success"] {
            #expect(stats[outcome, default: 0] > 0, "\(outcome) never happened")
        }
        #expect(stats.keys.contains { $0.hasSuffix("refused(lastAttemptRefused)") })
        #expect(stats.keys.contains { $0.hasSuffix("refused(credentialBlocked)") })
    }
}
