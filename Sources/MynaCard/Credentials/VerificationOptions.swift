/// How a credential may be verified.
public struct VerificationOptions: Hashable, Sendable {
    /// Spend the last remaining try. When only one try is left and this is `false` (the default), the
    /// operation throws ``MyNumberCardError/Code/lastAttemptRefused`` without sending the value: a wrong
    /// value now would block the credential until the holder visits the municipal office.
    public var allowLastAttempt: Bool

    /// Creates options.
    public init(allowLastAttempt: Bool = false) {
        self.allowLastAttempt = allowLastAttempt
    }

    /// The defaults: never spend the last try.
    public static let `default` = VerificationOptions()
}
