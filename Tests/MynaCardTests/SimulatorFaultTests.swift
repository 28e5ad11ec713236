import Foundation
import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator
import MynaTransport
import Synchronization
import Testing

/// The readers over the simulator's fault modes.
@Suite struct SimulatorFaultTests {
    @Test func aT0CardBehindTheResponseNormaliser() async throws {
        let persona = Persona.standard
        let simulator = try SimulatedCard(persona: persona, faults: FaultInjection(answersLikeT0: true), now: Simulator.now)
        let card = MyNumberCard(transport: simulator.normalizingResponses())
        let info = try await card.cardInfoInputSupport.cardInfo(using: Passcode(.cardInfoPIN, "1234"))
        #expect(info.individualNumber.digits == persona.individualNumber)
        #expect(info.basicAttributes.name.full.value == persona.name.full)
        let face = try await card.cardFace.cardFace(using: Passcode(.cardFacePINA, persona.individualNumber))
        #expect(face.cardExpiry == persona.effectiveCardExpiry.card)
        _ = try await card.proveCardPresence(with: face.cardKey)
        let signature = try await card.jpki.sign(message: [1, 2], key: .userAuthentication, passcode: Passcode(.userAuthenticationPIN, "1234"))
        #expect(signature.signature.count == 256)
        #expect(try await card.commonCard.cardIdentity().cardSerial == persona.cardSerial)
        #expect(card.iso7816.capabilities.extendedLength == .unsupported)
    }

    @Test func aRemovedCardIsATransportErrorAndReadsAgainAfterReinsertion() async throws {
        let simulator = try SimulatedCard(persona: .standard, faults: FaultInjection(removeAfterCommands: 5), now: Simulator.now)
        let card = MyNumberCard(transport: simulator)
        let error = await anyError { try await card.cardInfoInputSupport.individualNumber(using: Passcode(.cardInfoPIN, "1234")) }
        #expect((error as? TransportError)?.code == .cardRemoved)
        #expect(!(error.map { "\($0)" } ?? "").contains(Persona.standard.individualNumber))
        simulator.setFaults(.none)
        simulator.insert()
        // The selection was forgotten with the removal: the applet is selected again and the read works.
        let number = try await card.cardInfoInputSupport.individualNumber(using: Passcode(.cardInfoPIN, "1234"))
        #expect(number.digits == Persona.standard.individualNumber)
    }

    @Test func aResetCardIsSelectedAgain() async throws {
        let simulator = try SimulatedCard(persona: .standard, now: Simulator.now)
        let counter = CountingTransport(simulator)
        let card = MyNumberCard(transport: counter)
        _ = try await card.jpki.tokenInfo()
        try await card.iso7816.reset()
        counter.clear()
        _ = try await card.jpki.tokenInfo()
        #expect(counter.instructions == [0xA4, 0xB0])
    }

    @Test func aLockedPINIsReportedWithoutATry() async throws {
        let simulator = try SimulatedCard(persona: .pinLocked, now: Simulator.now)
        let counter = CountingTransport(simulator)
        let card = MyNumberCard(transport: counter)
        let error = await cardError {
            try await card.jpki.authenticationCertificate(pin: Passcode(.userAuthenticationPIN, "1234"))
        }
        #expect(error?.code == .credentialBlocked)
        #expect(error?.credential == .userAuthenticationPIN)
        #expect(error?.retriesRemaining == 0)
        #expect(counter.commands.filter(\.isVerifyWithData).isEmpty)
        // Other credentials are unaffected.
        let number = try await card.cardInfoInputSupport.individualNumber(using: Passcode(.cardInfoPIN, "1234"))
        #expect(number.digits == Persona.pinLocked.individualNumber)
    }

    @Test func wrongPINsCountDownThenTheLastIsRefused() async throws {
        let simulator = try SimulatedCard(persona: .standard, now: Simulator.now)
        let card = MyNumberCard(transport: simulator)
        let wrong = try Passcode(.userAuthenticationPIN, "0000")
        var remaining: [Int?] = []
        for _ in 0..<3 {
            let error = await cardError { try await card.jpki.sign(message: [1], key: .userAuthentication, passcode: wrong) }
            remaining.append(error?.retriesRemaining)
            if error?.code == .lastAttemptRefused { break }
        }
        #expect(remaining == [2, 1, 1])
        #expect(simulator.triesRemaining(.authenticationPIN) == 1)
        let last = await cardError {
            try await card.jpki.sign(message: [1], key: .userAuthentication, passcode: wrong, options: VerificationOptions(allowLastAttempt: true))
        }
        #expect(last?.code == .credentialBlocked)
        #expect(simulator.triesRemaining(.authenticationPIN) == 0)
        let after = await cardError {
            try await card.jpki.sign(message: [1], key: .userAuthentication, passcode: Passcode(.userAuthenticationPIN, "1234"))
        }
        #expect(after?.code == .credentialBlocked)
    }

    @Test func theBlockedAtIssueReferenceIsNeverTouched() async throws {
        // Reading everything on the text applet never sends anything to EF 0012 (blocked at issue).
        let simulator = try SimulatedCard(persona: .standard, now: Simulator.now)
        let counter = CountingTransport(simulator)
        let card = MyNumberCard(transport: counter)
        _ = try await card.cardInfoInputSupport.cardInfo(using: Passcode(.cardInfoPIN, "1234"))
        _ = try await card.cardInfoInputSupport.cardKey(using: Passcode(.cardInfoPIN, "1234"))
        #expect(counter.commands.filter { $0.isSelectFile && $0.data == [0x00, 0x12] }.isEmpty)
    }
}

@Suite struct CardSwapTests {
    @Test func anotherCardAfterRemovalIsVerifiedWithItsOwnCertificate() async throws {
        // One reader, two cards: the first is pulled mid-read, the second is read with its own EF 0004.
        final class Swappable: CardTransport, Sendable {
            let cards: [SimulatedCard]
            let index = Mutex(0)
            init(_ cards: [SimulatedCard]) { self.cards = cards }
            func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU {
                try await cards[index.withLock { $0 }].transmit(command)
            }
            func reset() async throws -> [UInt8] { try await cards[index.withLock { $0 }].reset() }
        }
        let first = try SimulatedCard(persona: .standard, now: Simulator.now)
        let second = try SimulatedCard(persona: .gaijiName, now: Simulator.now)
        let reader = Swappable([first, second])
        let card = MyNumberCard(transport: reader)
        _ = try await card.cardInfoInputSupport.cardVerifiableCertificate()
        first.remove()
        let error = await anyError { try await card.cardInfoInputSupport.individualNumber(using: Passcode(.cardInfoPIN, "1234")) }
        #expect((error as? TransportError)?.code == .cardRemoved)
        reader.index.withLock { $0 = 1 }
        let number = try await card.cardInfoInputSupport.individualNumber(using: Passcode(.cardInfoPIN, "5678"))
        #expect(number.digits == Persona.gaijiName.individualNumber)
    }
}
