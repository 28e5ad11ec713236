import MynaCard

/// A credential's retry counter as an empty VERIFY reports it (which spends nothing): remaining, maximum,
/// whether the next try is the last, whether it is blocked.
///
/// Encoded in JSON as `{"credential": "user-authentication PIN", "state": …}`.
public struct RetryCounter: Hashable, Sendable, Codable {
    /// What the card said.
    public enum State: Hashable, Sendable, Codable {
        /// `63Cx`: this many tries remain.
        case remaining(Int)
        /// `63C0`, `6983`, `6984`: no tries remain; every VERIFY would be refused.
        case blocked
        /// The key reference or its applet does not exist on this card (`6A82`): e.g. the PIN of a
        /// face-authentication card. Not a lock.
        case absent
        /// The card answered `9000` or `6300`: it does not say how many tries remain.
        case unreported
    }

    /// The credential.
    public let credential: Credential
    /// What the card said.
    public let state: State

    /// Creates a counter reading (`remaining(0)` is stored as ``State/blocked``).
    package init(credential: Credential, state: State) {
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

    /// Consecutive wrong tries that lock this credential, when established (`Credential.maximumTries`).
    package var maximum: Int? { credential.maximumTries }

    /// `true` when no tries remain.
    package var isBlocked: Bool { state == .blocked }

    /// `true` when exactly one try remains: the next wrong value blocks the credential, so MynaCard spends it
    /// only with `VerificationOptions.allowLastAttempt`.
    public var isLastAttempt: Bool { state == .remaining(1) }

    /// `true` when the credential does not exist on this card.
    package var isAbsent: Bool { state == .absent }

    private enum CodingKeys: String, CodingKey { case credential, state }

    /// Encodes the credential by its name.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(credential.name, forKey: .credential)
        try container.encode(state, forKey: .state)
    }

    /// Decodes a credential of `Credential.all` by its name.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .credential)
        guard let credential = Credential.all.first(where: { $0.name == name }) else {
            throw DecodingError.dataCorruptedError(forKey: .credential, in: container, debugDescription: "unknown credential")
        }
        self.init(credential: credential, state: try container.decode(State.self, forKey: .state))
    }
}
