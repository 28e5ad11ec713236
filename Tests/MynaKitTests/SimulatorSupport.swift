import Foundation
import MynaCard
import MynaCodec
import MynaSimulator
import MynaTransport
import Synchronization

@testable import MynaKit

/// The day every simulated card in these tests is built (its personas' validity rules are relative to it).
let buildInstant = tokyo(2026, 1, 10)

/// A simulated card for `persona`, built on ``buildInstant``, behind a counting transport.
struct SimulatedSetup {
    let persona: Persona
    let simulated: SimulatedCard
    let transport: CountingTransport
    let card: MyNumberCard
    let store: InMemoryFaceFailureStore

    init(_ persona: Persona, profile: CardBehaviourProfile? = nil, faults: FaultInjection = .none) throws {
        try self.init(image: CardImage(persona: persona, now: buildInstant), profile: profile, faults: faults)
    }

    /// A fresh card (counters as issued) from an image already built: no RSA work.
    init(image: CardImage, profile: CardBehaviourProfile? = nil, faults: FaultInjection = .none) {
        self.persona = image.persona
        simulated = SimulatedCard(image: image, profile: profile, faults: faults)
        transport = CountingTransport(simulated)
        card = MyNumberCard(transport: transport)
        store = InMemoryFaceFailureStore()
    }

    /// A check whose clock reads `now`.
    func check(at now: Date = buildInstant) -> QualificationCheck {
        QualificationCheck(card: card, faceFailures: store, clock: { now })
    }

    var pin: Passcode { get throws { try Passcode(.userAuthenticationPIN, persona.credentials?.authenticationPIN ?? "0000") } }
    var pinB: Passcode { get throws { try Passcode(.cardFacePINB, persona.pinB) } }
}

/// A face matcher with a fixed verdict that remembers the photo it was shown.
final class FixedMatcher: FaceMatcher {
    let verdict: FaceMatchResult
    private let shown = Mutex<[UInt8]?>(nil)
    init(match: Bool, score: Double = 0.5) { verdict = FaceMatchResult(isMatch: match, score: score) }
    var photoShown: [UInt8]? { shown.withLock { $0 } }
    func match(cardPhoto: [UInt8], liveCapture: [UInt8]) async throws -> FaceMatchResult {
        shown.withLock { $0 = cardPhoto }
        return verdict
    }
}

/// An operator with a fixed decision that remembers what it was shown.
final class FixedOperator: OperatorConfirmer {
    let decision: OperatorDecision
    private let shown = Mutex<VisualConfirmationRequest?>(nil)
    init(_ decision: OperatorDecision) { self.decision = decision }
    var request: VisualConfirmationRequest? { shown.withLock { $0 } }
    func confirm(_ request: VisualConfirmationRequest) async throws -> OperatorDecision {
        shown.withLock { $0 = request }
        return decision
    }
}

/// A card that is not a My Number Card: every SELECT by AID answers `6A82`.
struct ForeignCard: CardTransport {
    func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU {
        ResponseAPDU(statusWord: .fileNotFound)
    }
    func reset() async throws -> [UInt8] { [0x3B, 0x00] }
}

let liveCapture: [UInt8] = Array("live camera frame".utf8)
let challenge: [UInt8] = Array("nonce-from-the-back-end-0123456789".utf8)
