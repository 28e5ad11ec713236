import Foundation
import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator
import Testing

@testable import MynaKit

/// The qualification check leaves no credential verified, and recognises phone tokens.
@Suite("Qualification check: log-out and phone tokens")
struct QualificationSessionTests {
    /// Whether the card, exactly as the check left it (nothing re-selected), signs with the
    /// user-authentication key or hands out the card face / attributes record.
    static func leaks(_ simulated: SimulatedCard) async throws -> [String] {
        let digestInfo = DigestAlgorithm.sha256.digestInfo(hashing: Array("attack".utf8))
        var leaked: [String] = []
        let sign = try await simulated.transmit(
            try CommandAPDU(cla: 0x80, ins: 0x2A, p1: 0x00, p2: 0x97, data: digestInfo, ne: 256))
        if sign.statusWord.isSuccess, sign.data.count == 256 { leaked.append("sign 97") }
        let face = try await simulated.transmit(try CommandAPDU(ins: 0xB0, p1: 0x82, p2: 0x00, ne: 256))
        if face.statusWord.isSuccess, face.data.starts(with: [0xFF, 0x20]) { leaked.append("read SFI 02") }
        return leaked
    }

    @Test("PIN, face and visual (with PIN-B) modes: nothing verified is left on the card, also after a failure")
    func checkLogsOut() async throws {
        let setup = try SimulatedSetup(.standard)
        _ = try await setup.check().run(.pin(try setup.pin, challenge: challenge))
        #expect(try await Self.leaks(setup.simulated).isEmpty)

        _ = try await setup.check().run(.face(pinB: try setup.pinB, liveCapture: liveCapture, matcher: FixedMatcher(match: true)))
        #expect(try await Self.leaks(setup.simulated).isEmpty)

        await #expect(throws: MynaKitError.self) {
            _ = try await setup.check().run(.face(pinB: try setup.pinB, liveCapture: liveCapture, matcher: FixedMatcher(match: false)))
        }
        #expect(try await Self.leaks(setup.simulated).isEmpty)

        _ = try await setup.check().run(.visual(pinB: try setup.pinB, confirmer: FixedOperator(.confirmed(operatorID: "staff-1"))))
        #expect(try await Self.leaks(setup.simulated).isEmpty)
        #expect(setup.card.iso7816.selectedApplication == nil)
    }

    @Test("Modes per token: all three on a card, PIN only on a phone")
    func modesPerToken() {
        #expect(QualificationCheck.modes(for: .card) == [.pin, .face, .visual])
        #expect(QualificationCheck.modes(for: .androidPhone) == [.pin])
        #expect(QualificationCheck.modes(for: .iPhone) == [.pin])
    }

    @Test("Android and iPhone tokens: PIN mode verifies first, then reads the certificate and signs; logged out after",
        arguments: ["smartphoneAndroid", "smartphoneIPhone"])
    func phonePINMode(_ identifier: String) async throws {
        let persona = try Persona.named(identifier)
        let setup = try SimulatedSetup(persona)
        #expect(try await setup.check().tokenKind().isSmartphone)
        let outcome = try await setup.check().run(.pin(try setup.pin, challenge: challenge))
        #expect(outcome.result.mode == .pin)
        #expect(outcome.result.certificateValidity.allowsQualificationCheck)
        let signature = try #require(outcome.result.signature)
        #expect(outcome.result.certificate.rsaPublicKey.isValidSignature(signature.value, forSHA256Of: challenge))
        #expect(setup.transport.verifyWithData == 1)
        // A one-applet token leaves nothing only where it lets a SELECT leave the applet (an ISD); the log-out
        // is tried either way, and over PC/SC the connection's close powers it off.
        let leaked = try await Self.leaks(setup.simulated)
        if !leaked.isEmpty {
            #expect(try await !Self.acceptsLogOut(setup.simulated), "left verified: \(leaked)")
        }
    }

    /// Whether the simulated card lets a SELECT leave the current applet (an ISD, or a second applet).
    static func acceptsLogOut(_ simulated: SimulatedCard) async throws -> Bool {
        for aid in [ApplicationIdentifier.issuerSecurityDomain.bytes, ApplicationIdentifier.commonCard.bytes] {
            let response = try await simulated.transmit(try CommandAPDU(ins: 0xA4, p1: 0x04, p2: 0x0C, data: aid))
            if response.statusWord.isSuccess { return true }
        }
        return false
    }

    @Test("A phone: face and visual are refused before anything is verified; the certificate alone needs PIN mode",
        arguments: ["smartphoneAndroid", "smartphoneIPhone"])
    func phoneOtherModes(_ identifier: String) async throws {
        let persona = try Persona.named(identifier)
        let setup = try SimulatedSetup(persona)
        let pinB = try Passcode(.cardFacePINB, persona.pinB)
        for request in [
            QualificationRequest.face(pinB: pinB, liveCapture: liveCapture, matcher: FixedMatcher(match: true)),
            .visual(confirmer: FixedOperator(.confirmed(operatorID: "staff-1"))),
        ] {
            await #expect {
                _ = try await setup.check().run(request)
            } throws: { error in
                guard let error = error as? MynaKitError, error.code == .modeNotAllowed else { return false }
                return error.reason.contains("only pin mode applies")
            }
        }
        #expect(setup.transport.verifyWithData == 0 && setup.transport.emptyVerify == 0)
        if persona.identifier == "smartphoneAndroid" {
            await #expect {
                _ = try await setup.check().certificate()
            } throws: { error in
                (error as? MynaKitError)?.code == .modeNotAllowed
            }
        }
    }

    @Test("A phone's lock state: its counters, read for free, without the certificate (which needs the PIN)")
    func phoneLockState() async throws {
        let setup = try SimulatedSetup(.smartphoneAndroid)
        let state = try await setup.check().lockState()
        #expect(state.userAuthenticationPIN.remaining == 3)
        #expect(state.faceFailures.consecutiveFailures == 0)
        #expect(setup.transport.verifyWithData == 0)
    }

    @Test("A phone's wrong PIN: a wrong-PIN error with the tries left, nothing signed")
    func phoneWrongPIN() async throws {
        let setup = try SimulatedSetup(.smartphoneAndroid)
        await #expect {
            _ = try await setup.check().run(.pin(try Passcode(.userAuthenticationPIN, "0000"), challenge: challenge))
        } throws: { error in
            (error as? MyNumberCardError)?.code == .wrongCredential && (error as? MyNumberCardError)?.retriesRemaining == 2
        }
        let leaked = try await Self.leaks(setup.simulated)
        if !leaked.isEmpty {
            #expect(try await !Self.acceptsLogOut(setup.simulated), "left verified: \(leaked)")
        }
    }
}
