/// Which locks apply to a card, read without spending anything: the PIN counters by empty VERIFY, the
/// face-authentication failures from the app's ``FaceFailureStore``.
///
/// - With only the PIN locked, face authentication and visual confirmation still work.
/// - With only face authentication locked, the PIN and visual confirmation still work.
/// - With both locked, only visual confirmation works.
/// - A face-authentication card (顔認証マイナンバーカード) has no PIN and no signature password at all:
///   its PIN is ``RetryCounter/State/absent``, which is not a lock; PIN mode is simply unavailable.
/// - Visual confirmation needs no credential and is always available.
public struct CardLockState: Hashable, Sendable, Codable {
    /// The user-authentication PIN's counter.
    public let userAuthenticationPIN: RetryCounter
    /// The signature password's counter (``RetryCounter/State/absent`` on a face-authentication card).
    public let signaturePassword: RetryCounter?
    /// Face-authentication failures counted for this card.
    public let faceFailures: FaceFailureRecord

    /// Creates a lock state from its parts.
    package init(userAuthenticationPIN: RetryCounter, signaturePassword: RetryCounter?, faceFailures: FaceFailureRecord) {
        self.userAuthenticationPIN = userAuthenticationPIN
        self.signaturePassword = signaturePassword
        self.faceFailures = faceFailures
    }

    /// Whether the card has no user-authentication PIN (a face-authentication card).
    package var isFaceAuthenticationCard: Bool { userAuthenticationPIN.isAbsent }

    /// Whether the user-authentication PIN is locked.
    package var isPINLocked: Bool { userAuthenticationPIN.isBlocked }

    /// Whether face authentication is locked.
    package var isFaceLocked: Bool { faceFailures.isLocked }

    /// Whether the signature password is locked.
    package var isSignaturePasswordLocked: Bool { signaturePassword?.isBlocked ?? false }

    /// The qualification-check modes available now.
    public var availableModes: [QualificationMode] {
        var modes: [QualificationMode] = []
        if !isFaceAuthenticationCard && !isPINLocked { modes.append(.pin) }
        if !isFaceLocked { modes.append(.face) }
        modes.append(.visual)
        return modes
    }

    /// The locks that apply: at most one of PIN / face / both, plus the signature password's.
    public var locks: [CardLock] {
        var result: [CardLock] = []
        let kind: CardLock.Kind? =
            switch (isPINLocked, isFaceLocked) {
            case (true, true): .pinAndFaceLocked
            case (true, false): .pinLocked
            case (false, true): .faceLocked
            case (false, false): nil
            }
        if let kind {
            // A kiosk resets the PIN only with the signature password: not when that is locked or absent.
            let officeOnly = kind == .pinLocked && (signaturePassword.map { $0.isBlocked || $0.isAbsent } ?? true)
            result.append(CardLock(kind: kind, code: officeOnly ? .pinLockedOfficeOnly : nil))
        }
        if isSignaturePasswordLocked {
            result.append(CardLock(kind: .signaturePasswordLocked))
        }
        return result
    }

    /// The lock that decides the qualification check (PIN, face or both), if any.
    package var qualificationLock: CardLock? { locks.first { $0.kind != .signaturePasswordLocked } }

    /// Reads the lock state of the card whose user-authentication certificate has `serialNumber`. Spends
    /// nothing.
    package static func read(
        from counters: CredentialCounters, faceFailures store: any FaceFailureStore, serialNumber: CertificateSerialNumber
    ) async throws -> CardLockState {
        let pin = try await counters.counter(for: .userAuthenticationPIN)
        let password = try await counters.counter(for: .signaturePassword)
        let face = try await store.record(for: serialNumber)
        return CardLockState(userAuthenticationPIN: pin, signaturePassword: password, faceFailures: face)
    }
}
