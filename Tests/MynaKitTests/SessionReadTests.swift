import Foundation
import MynaCard
import MynaCodec
import MynaSimulator
import MynaTransport
import Synchronization
import Testing

@testable import MynaKit

/// No second read of a file within one session (issue 14).
@Suite("One read per session")
struct SessionReadTests {
    /// Records the commands that reach the simulated card.
    final class RecordingTransport: CardTransport {
        let card: SimulatedCard
        private let log = Mutex<[CommandAPDU]>([])
        init(_ card: SimulatedCard) { self.card = card }
        var commands: [CommandAPDU] { log.withLock { $0 } }
        func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU {
            log.withLock { $0.append(command) }
            return try await card.transmit(command)
        }
        func reset() async throws -> [UInt8] { try await card.reset() }
    }

    struct Operator: OperatorConfirmer {
        func confirm(_ request: VisualConfirmationRequest) async throws -> OperatorDecision {
            .confirmed(operatorID: "staff-1")
        }
    }

    @Test("The check, then the card face and the certificate on screen: EF 000A is read once")
    func checkThenFace() async throws {
        let image = try CardImage(persona: .standard, now: buildInstant)
        let transport = RecordingTransport(SimulatedCard(image: image))
        let card = MyNumberCard(transport: transport)
        let pinB = try Passcode(.cardFacePINB, image.persona.pinB)
        let check = QualificationCheck(card: card, faceFailures: InMemoryFaceFailureStore(), clock: { buildInstant })
        _ = try await check.run(.visual(pinB: pinB, confirmer: Operator()))
        _ = try await card.cardFace.cardFace(using: pinB)
        let certificate = try await card.authenticationCertificate()
        #expect(certificate.derEncoded.count > 0)
        // READ BINARY by SFI of EF 000A (P1 8A) once; the rest of the certificate by offset right after it.
        let reads = transport.commands.filter { $0.ins == 0xB0 && $0.p1 == 0x8A }
        #expect(reads.count == 1)
        // The card face is PIN-protected: read by each operation that needs it.
        #expect(transport.commands.filter { $0.ins == 0xB0 && $0.p1 == 0x82 }.count == 2)
    }
}
