import MynaISO7816

/// What the PIN-safety layer needs from a card: read a retry counter without spending a try, and send one
/// VERIFY or CHANGE REFERENCE DATA.
///
/// ``MynaISO7816/ISO7816Card`` conforms (selecting the credential's applet when needed). Callers should not
/// use these methods directly: ``CredentialGuard`` wraps them with the format, counter and last-try checks.
public protocol CredentialCard: Sendable {
    /// Empty VERIFY of the credential's key reference (spends nothing).
    ///
    /// - Throws: ``MynaKitError/Code/credentialAbsent`` when the card has no such key reference (or applet).
    func retryStatus(of credential: Credential) async throws -> ISO7816Card.RetryStatus

    /// Exactly one VERIFY with `referenceData`; never retried.
    func verify(_ credential: Credential, referenceData: SecretBytes) async throws

    /// Exactly one CHANGE REFERENCE DATA; the credential must have been verified in the current selection
    /// of its applet.
    func changeReferenceData(_ credential: Credential, newReferenceData: SecretBytes) async throws
}
