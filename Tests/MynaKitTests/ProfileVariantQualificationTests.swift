import Foundation
import MynaCard
import MynaSimulator
import Testing

@testable import MynaKit

/// The qualification check and the counters against every card behaviour profile (card facts §3–§4), so
/// the domain layer is proven on each variant a real card may show, not only the default.
@Suite("Qualification check against every card behaviour profile")
struct ProfileVariantQualificationTests {
    @Test("PIN mode twice in a row: one VERIFY each, the signature checks, nothing else spent",
        arguments: CardBehaviourProfile.variants)
    func pinModeTwice(profile: CardBehaviourProfile) async throws {
        let setup = try SimulatedSetup(.standard, profile: profile)
        for round in 1...2 {
            let outcome = try await setup.check().run(.pin(try setup.pin, challenge: challenge))
            #expect(outcome.result.mode == .pin)
            #expect(outcome.result.signature?.value.count == 256)
            #expect(setup.transport.verifyWithData == round)
        }
        #expect(setup.simulated.triesRemaining(.authenticationPIN) == 3)
    }

    @Test("a locked PIN: refused before any VERIFY, whether the card answers 63C0 or 6984",
        arguments: CardBehaviourProfile.variants)
    func lockedPIN(profile: CardBehaviourProfile) async throws {
        let setup = try SimulatedSetup(.pinLocked, profile: profile)
        await #expect(throws: (any Error).self) {
            _ = try await setup.check().run(.pin(try setup.pin, challenge: challenge))
        }
        #expect(setup.transport.verifyWithData == 0)
        let counter = try await CredentialCounters(card: setup.card).counter(for: .userAuthenticationPIN)
        #expect(counter.isBlocked)
    }

    @Test("face mode (PIN-B reads the photo) on every profile", arguments: CardBehaviourProfile.variants)
    func faceMode(profile: CardBehaviourProfile) async throws {
        let setup = try SimulatedSetup(.standard, profile: profile)
        let outcome = try await setup.check().run(
            .face(pinB: try setup.pinB, liveCapture: liveCapture, matcher: FixedMatcher(match: true)))
        #expect(outcome.result.mode == .face)
    }
}
