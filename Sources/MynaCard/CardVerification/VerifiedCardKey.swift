import MynaISO7816

/// The chip's own key (the "card key"), taken from a record whose signature was checked with the applet's
/// issuer key — the only way to get one, so that a key of this type can be trusted to identify the chip.
///
/// The card info input support applet carries it in EF `0007` (`DF51`), the card face applet in its card
/// face (`DF24`), age record (`DF12`) and individual-number image (`DF42`) records. Pass it to
/// ``MyNumberCard/proveCardPresence(with:)``.
public struct VerifiedCardKey: Hashable, Sendable {
    /// The public key.
    public let publicKey: CardRSAPublicKey
    /// The applet whose record carried it; the presence check asks that applet to sign.
    package let application: ApplicationIdentifier
    /// The record (EF) it came from.
    package let source: FileIdentifier
    /// Whether the issuer key that signed the record was itself authenticated against a trusted
    /// card-verifiable certificate authority (see ``CardVerifiableCertificate/isAuthenticated``).
    package let isIssuerKeyAuthenticated: Bool
    /// How the issuer key that signed the record was authenticated (see ``IssuerAuthentication``).
    public let issuerAuthentication: IssuerAuthentication

    init(publicKey: CardRSAPublicKey, application: ApplicationIdentifier, source: FileIdentifier, issuer: CardVerifiableCertificate) {
        self.publicKey = publicKey
        self.application = application
        self.source = source
        self.isIssuerKeyAuthenticated = issuer.isAuthenticated
        self.issuerAuthentication = issuer.authentication
    }
}
