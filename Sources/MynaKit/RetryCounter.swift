/// A credential's retry counter as an empty VERIFY reports it (which spends nothing).
public struct RetryCounter: Hashable, Sendable, Codable {
    /// What the card said.
    public enum State: Hashable, Sendable, Codable {
        /// `63Cx`: this many tries remain.
        case remaining(Int)
        /// `63C0`, `6983`, `6984`: no tries remain; every VERIFY will be refused.
        case blocked
        /// The key reference does not exist on this card (`6A82`): e.g. a face-authentication card's PIN.
        case absent
        /// The card answered `9000` or `6300`: it does not say how many tries remain.
        case unreported
    }

    /// The credential.
    public let credential: Credential
    /// What the card said.
    public let state: State

    /// Creates a counter reading.
    public init(credential: Credential, state: State) {
        if case .remaining(let n) = state, n <= 0 {
            self.state = .blocked
        } else {
            self.state = state
        }
        self.credential = credential
    }

    /// Tries left, when the card says; `0` when blocked.
    public var remaining: Int? {
        switch state {
        case .remaining(let n): n
        case .blocked: 0
        case .absent, .unreported: nil
        }
    }

    /// Consecutive wrong tries that lock this credential, when established.
    public var maximum: Int? { credential.maximumTries }

    /// `true` when no tries remain.
    public var isBlocked: Bool { state == .blocked }

    /// `true` when exactly one try remains: the next wrong value locks the credential, so it may be spent
    /// only with ``VerificationOptions/allowLastAttempt``.
    public var isLastAttempt: Bool { state == .remaining(1) }

    /// `true` when the credential does not exist on this card.
    public var isAbsent: Bool { state == .absent }
}
