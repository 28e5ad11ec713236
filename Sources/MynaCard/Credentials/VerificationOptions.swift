/// How a credential may be verified.
public struct VerificationOptions: Sendable {
    /// Spend a try that is, or may be, the last, without asking. When this is `false` (the default) and
    /// only one try is left, ``lastAttemptConsent`` is asked; without one the operation throws
    /// ``MyNumberCardError/Code/lastAttemptRefused`` without sending the value: a wrong value now would block
    /// the credential until the holder visits the municipal office.
    ///
    /// A card that does not report its counter — it answers the empty VERIFY with `9000` or `6300` instead of
    /// `63Cx` — is treated the same way: the unknown count may be one, so the value is sent only with this
    /// option or a yes from ``lastAttemptConsent`` (the error then has no
    /// ``MyNumberCardError/retriesRemaining`` and carries the card's answer in
    /// ``MyNumberCardError/statusWord``). Set it only with the holder's explicit consent.
    public var allowLastAttempt: Bool

    /// Asked, inside the operation's transaction and before anything that spends a try is sent, when only
    /// one try is left or the card reports no counter and ``allowLastAttempt`` is `false`: `true` sends the
    /// value (exactly one VERIFY, and the operation goes on), `false` refuses with
    /// ``MyNumberCardError/Code/lastAttemptRefused`` and nothing is sent. Called at most once per
    /// verification; never given the value itself.
    ///
    /// The card stays reserved for this operation while the callback runs: answer promptly.
    public var lastAttemptConsent: (@Sendable (LastAttemptQuestion) async -> Bool)?

    /// Creates options.
    ///
    /// - Parameters:
    ///   - allowLastAttempt: a yes in advance to spending the last try (see ``allowLastAttempt``).
    ///   - lastAttemptConsent: asked when the last try is at stake and `allowLastAttempt` is `false`.
    public init(
        allowLastAttempt: Bool = false, lastAttemptConsent: (@Sendable (LastAttemptQuestion) async -> Bool)? = nil
    ) {
        self.allowLastAttempt = allowLastAttempt
        self.lastAttemptConsent = lastAttemptConsent
    }

    /// The defaults: never spend the last try, nor a try the card does not count.
    public static let `default` = VerificationOptions()

    /// Whether the try described by `question` may be spent: ``allowLastAttempt``, else the answer of
    /// ``lastAttemptConsent`` (asked once), else no.
    func consents(to question: LastAttemptQuestion) async -> Bool {
        if allowLastAttempt { return true }
        guard let lastAttemptConsent else { return false }
        return await lastAttemptConsent(question)
    }
}
