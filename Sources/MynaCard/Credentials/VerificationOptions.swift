/// How a credential may be verified.
public struct VerificationOptions: Hashable, Sendable {
    /// Spend a try that is, or may be, the last. When this is `false` (the default) and only one try is
    /// left, the operation throws ``MyNumberCardError/Code/lastAttemptRefused`` without sending the value: a
    /// wrong value now would block the credential until the holder visits the municipal office.
    ///
    /// A card that does not report its counter — it answers the empty VERIFY with `9000` or `6300` instead of
    /// `63Cx` — is treated the same way: the unknown count may be one, so the value is sent only with this
    /// option (the error then has no ``MyNumberCardError/retriesRemaining`` and carries the card's answer in
    /// ``MyNumberCardError/statusWord``). Set it only with the holder's explicit consent.
    public var allowLastAttempt: Bool

    /// Creates options.
    public init(allowLastAttempt: Bool = false) {
        self.allowLastAttempt = allowLastAttempt
    }

    /// The defaults: never spend the last try, nor a try the card does not count.
    public static let `default` = VerificationOptions()
}
