import MynaCodec
import MynaISO7816
import Synchronization

@testable import MynaKit

/// A credential card at the protocol level: counters, values, and a log of what reached it.
final class FakeCredentialCard: CredentialCard {
    struct Slot {
        var value: [UInt8]
        var remaining: Int
        var maximum: Int
    }

    enum Event: Equatable {
        case status(String)
        case verify(String)
        case change(String)
    }

    struct State {
        var slots: [String: Slot] = [:]
        var events: [Event] = []
        /// Answer empty VERIFY with this instead of a counter (`9000` / `6300` cards).
        var unreported: Set<String> = []
    }

    let state: Mutex<State>

    init(_ slots: [Credential: (String, Int)]) {
        var state = State()
        for (credential, (value, remaining)) in slots {
            state.slots[credential.name] = Slot(
                value: Array(value.utf8), remaining: remaining, maximum: credential.maximumTries ?? 10)
        }
        self.state = Mutex(state)
    }

    var events: [Event] { state.withLock { $0.events } }
    var verifyCount: Int { state.withLock { $0.events.filter { if case .verify = $0 { true } else { false } }.count } }

    func setUnreported(_ credential: Credential) { _ = state.withLock { $0.unreported.insert(credential.name) } }

    func remaining(_ credential: Credential) -> Int? { state.withLock { $0.slots[credential.name]?.remaining } }

    func retryStatus(of credential: Credential) async throws -> ISO7816Card.RetryStatus {
        try state.withLock { state in
            state.events.append(.status(credential.name))
            guard let slot = state.slots[credential.name] else {
                throw MynaKitError(.credentialAbsent, "absent", credential: credential)
            }
            if state.unreported.contains(credential.name) { return .noCounterReported }
            return slot.remaining == 0 ? .blocked : .remaining(slot.remaining)
        }
    }

    func verify(_ credential: Credential, referenceData: SecretBytes) async throws {
        let value = referenceData.withUnsafeBytes { Array($0) }
        try state.withLock { state in
            state.events.append(.verify(credential.name))
            guard var slot = state.slots[credential.name] else {
                throw MynaKitError(.credentialAbsent, "absent", credential: credential)
            }
            defer { state.slots[credential.name] = slot }
            if slot.remaining == 0 {
                throw CardCommandError(statusWord: .referenceDataBlocked, instruction: .verify)
            }
            if slot.value == value {
                slot.remaining = slot.maximum
                return
            }
            slot.remaining -= 1
            throw CardCommandError(statusWord: StatusWord(0x63C0 | UInt16(slot.remaining)), instruction: .verify)
        }
    }

    func changeReferenceData(_ credential: Credential, newReferenceData: SecretBytes) async throws {
        let value = newReferenceData.withUnsafeBytes { Array($0) }
        state.withLock { state in
            state.events.append(.change(credential.name))
            state.slots[credential.name]?.value = value
        }
    }
}
