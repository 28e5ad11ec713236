import Foundation
import MynaCard
import Testing

@testable import MynaKit

func lockState(pin: RetryCounter.State, password: RetryCounter.State = .remaining(5), faceFailures: Int = 0) -> CardLockState {
    CardLockState(
        userAuthenticationPIN: RetryCounter(credential: .userAuthenticationPIN, state: pin),
        signaturePassword: RetryCounter(credential: .signaturePassword, state: password),
        faceFailures: FaceFailureRecord(consecutiveFailures: faceFailures))
}

@Suite("Card lock state: which lock applies and what still works")
struct LockStateTests {
    @Test("No lock: every mode")
    func none() {
        let state = lockState(pin: .remaining(3))
        #expect(state.locks.isEmpty)
        #expect(state.availableModes == [.pin, .face, .visual])
    }

    @Test("PIN locked after 3 wrong PINs: face and visual still work")
    func pinLocked() {
        let state = lockState(pin: .blocked, faceFailures: 9)
        #expect(state.locks.map(\.kind) == [.pinLocked])
        #expect(state.locks.first?.kind == .pinLocked && state.availableModes == [.face, .visual])
        #expect(state.locks.first?.remedy(in: .english).contains("municipal office") == true)
    }

    @Test("Face locked after 10 failures: PIN and visual still work")
    func faceLocked() {
        let state = lockState(pin: .remaining(2), faceFailures: 10)
        #expect(state.locks.map(\.kind) == [.faceLocked])
        #expect(state.availableModes == [.pin, .visual])
    }

    @Test("Both locked: only visual confirmation")
    func both() {
        let state = lockState(pin: .blocked, faceFailures: 12)
        #expect(state.qualificationLock?.kind == .pinAndFaceLocked)
        #expect(state.availableModes == [.visual])
    }

    @Test("Signature password locked: the qualification check is not affected")
    func signaturePassword() {
        let state = lockState(pin: .remaining(3), password: .blocked)
        #expect(state.locks.map(\.kind) == [.signaturePasswordLocked])
        #expect(state.qualificationLock == nil)
        #expect(state.availableModes == [.pin, .face, .visual])
        let all = lockState(pin: .blocked, password: .blocked, faceFailures: 10)
        #expect(all.locks.map(\.kind) == [.pinAndFaceLocked, .signaturePasswordLocked])
    }

    @Test("A face-authentication card has no PIN: not a lock, just no PIN mode")
    func faceAuthenticationCard() {
        let state = lockState(pin: .absent, password: .absent)
        #expect(state.isFaceAuthenticationCard)
        #expect(state.locks.isEmpty)
        #expect(state.availableModes == [.face, .visual])
        let locked = lockState(pin: .absent, password: .absent, faceFailures: 10)
        #expect(locked.locks.map(\.kind) == [.faceLocked])
        #expect(locked.availableModes == [.visual])
    }

    @Test("Counters report remaining, maximum, last attempt and blocked; JSON names the credential")
    func counters() throws {
        let last = RetryCounter(credential: .userAuthenticationPIN, state: .remaining(1))
        #expect(last.remaining == 1 && last.maximum == 3 && last.isLastAttempt && !last.isBlocked)
        let zero = RetryCounter(credential: .signaturePassword, state: .remaining(0))
        #expect(zero.state == .blocked && zero.remaining == 0 && zero.maximum == 5)
        #expect(RetryCounter(credential: .cardInfoPINA, state: .unreported).maximum == nil)
        let state = lockState(pin: .remaining(1), faceFailures: 4)
        let data = try JSONEncoder().encode(state)
        #expect(try JSONDecoder().decode(CardLockState.self, from: data) == state)
        #expect(String(decoding: data, as: UTF8.self).contains("user-authentication PIN"))
    }
}
