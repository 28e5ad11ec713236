/// What a caller allows a VERIFY to risk.
public struct VerificationOptions: Hashable, Sendable {
    /// Allow spending the last remaining try (or a try when the card does not report its counter).
    ///
    /// Off by default: set it only after the user has been told that a wrong value now locks the credential
    /// until it is reset at the municipal office, and has chosen to go on.
    public var allowLastAttempt: Bool

    /// Creates options.
    public init(allowLastAttempt: Bool = false) {
        self.allowLastAttempt = allowLastAttempt
    }

    /// The default: never spend the last try.
    public static let `default` = VerificationOptions()
    /// Spend the last try too (after the user's explicit consent).
    public static let allowingLastAttempt = VerificationOptions(allowLastAttempt: true)
}
