import MynaCard

/// What the domain layer needs from a My Number Card. `MyNumberCard` (MynaCard) conforms; a test or an app
/// with another card stack may conform its own type.
///
/// Every operation that takes a `Passcode` must apply the PIN-safety rules MynaCard applies: format checked
/// when the passcode is made, counter read first with an empty VERIFY, no VERIFY on a blocked counter, the
/// last try only with `VerificationOptions.allowLastAttempt`, exactly one VERIFY, never retried.
package protocol QualificationCard: Sendable {
    /// Empty VERIFY of the credential (spends nothing), selecting its applet when needed.
    ///
    /// - Throws: `MyNumberCardError.Code.notPresentOnThisCard` when the card has no such credential or applet.
    func retryStatus(of credential: Credential) async throws -> RetryStatus

    /// The JPKI user-authentication certificate (free on a card).
    func authenticationCertificate() async throws -> CardCertificate

    /// Verifies the user-authentication PIN and signs the SHA-256 DigestInfo of `challenge` with the
    /// user-authentication key, in one transaction; the signature is checked against `certificate`.
    func signWithAuthenticationKey(
        challenge: [UInt8], pin: Passcode, certificate: CardCertificate, options: VerificationOptions
    ) async throws -> [UInt8]

    /// Verifies PIN-B (or PIN-A) of the card-face applet and returns the face photo (JPEG 2000, JP2 container).
    func facePhoto(using passcode: Passcode, options: VerificationOptions) async throws -> [UInt8]

    /// What answers as the JPKI applet, told by the token label (a card, an Android phone, an iPhone).
    func tokenKind() async throws -> TokenKind

    /// For a token that gives its user-authentication certificate only after the PIN (a phone): verifies the
    /// PIN, reads the certificate, hands it to `accept` (which throws to stop before signing), signs the
    /// SHA-256 DigestInfo of `challenge` and checks the signature against the certificate — one transaction,
    /// logged out at the end.
    func signWithAuthenticationKey(
        challenge: [UInt8], pin: Passcode, options: VerificationOptions,
        accepting accept: (CardCertificate) throws -> Void
    ) async throws -> (signature: [UInt8], certificate: CardCertificate)
}

extension QualificationCard {
    /// A conforming type that does not say is taken for a card.
    package func tokenKind() async throws -> TokenKind { .card }

    /// Reads the certificate first (free on a card), then signs with
    /// ``signWithAuthenticationKey(challenge:pin:certificate:options:)``.
    package func signWithAuthenticationKey(
        challenge: [UInt8], pin: Passcode, options: VerificationOptions,
        accepting accept: (CardCertificate) throws -> Void
    ) async throws -> (signature: [UInt8], certificate: CardCertificate) {
        let certificate = try await authenticationCertificate()
        try accept(certificate)
        let signature = try await signWithAuthenticationKey(
            challenge: challenge, pin: pin, certificate: certificate, options: options)
        return (signature, certificate)
    }
}
