import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator
import MynaTransport
import Synchronization
import Testing

/// A change the card accepted is reported as made, even when releasing the card afterwards fails: an error
/// would have the holder go on with the old value and spend tries.
@Suite struct PasscodeChangeTests {
    /// Passes commands on; ending a transaction fails, as a reader that went away at the last moment.
    final class FailingEndOfTransaction: TransactionalTransport, Sendable {
        let base: any CardTransport
        private let ends = Mutex(0)
        init(_ base: any CardTransport) { self.base = base }
        var endCount: Int { ends.withLock { $0 } }
        func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU { try await base.transmit(command) }
        func reset() async throws -> [UInt8] { try await base.reset() }
        func beginTransaction() async throws {}
        func endTransaction() async throws {
            ends.withLock { $0 += 1 }
            throw TransportError(.backendFailure, "SCardEndTransaction failed")
        }
    }

    @Test func aFailingEndAfterTheChangeReportsTheChangeWithAWarning() async throws {
        let (_, sim, _) = try makeTestCard()
        let transport = FailingEndOfTransaction(sim.transport)
        let card = MyNumberCard(transport: transport)
        let change = try await card.jpki.changePasscode(
            Passcode(.userAuthenticationPIN, "1234"), to: Passcode(.userAuthenticationPIN, "5678"))
        #expect(change.credential == .userAuthenticationPIN)
        #expect(change.endOfTransactionFailure?.code == .backendFailure)
        #expect(transport.endCount == 1)
        // The new value is the one in force.
        let healthy = MyNumberCard(transport: sim.transport)
        try await healthy.verify(Passcode(.userAuthenticationPIN, "5678"))
        let old = await cardError { try await healthy.verify(Passcode(.userAuthenticationPIN, "1234")) }
        #expect(old?.code == .wrongCredential)
    }

    @Test func aFailingEndBeforeTheChangeIsStillAnError() async throws {
        let (_, sim, _) = try makeTestCard()
        let card = MyNumberCard(transport: FailingEndOfTransaction(sim.transport))
        let error = await cardError {
            try await card.changePasscode(Passcode(.cardInfoPIN, "9999"), to: Passcode(.cardInfoPIN, "4321"))
        }
        #expect(error?.code == .wrongCredential)
    }

    @Test func aCleanChangeHasNoWarning() async throws {
        let (card, _, _) = try makeTestCard()
        let change = try await card.changePasscode(Passcode(.cardInfoPIN, "1234"), to: Passcode(.cardInfoPIN, "4321"))
        #expect(change == PasscodeChange(credential: .cardInfoPIN))
    }
}

/// A caller-made format whose minimum exceeds its maximum accepts nothing: a typed error, never a trap.
@Suite struct InvertedFormatTests {
    @Test func minimumAboveMaximum() {
        let credential = Credential(
            // A reference no built-in credential has: a built-in one is always checked with its own format.
            name: "test PIN", application: .cardInfoInputSupport, reference: FileIdentifier(0x0016),
            format: Credential.Format(minimumLength: 8, maximumLength: 4, allowsLetters: false), maximumTries: 3)
        for value in ["", "1234", "123456", "12345678"] {
            #expect {
                _ = try Passcode(credential, value)
            } throws: { error in
                (error as? MyNumberCardError)?.code == .invalidCredentialFormat
            }
        }
    }
}
