import X509

/// What a certificate must be good for: the KeyUsage bits it must assert and whether it must be a CA.
public struct CertificateUsage: Hashable, Sendable, CustomStringConvertible {
    /// A short English name.
    public let name: String
    /// The KeyUsage bits the certificate must assert (all of them).
    package let requiredKeyUsage: KeyUsage
    /// Whether the certificate must be a CA (BasicConstraints cA = true); end-entity usages require the
    /// opposite.
    package let isCertificateAuthority: Bool

    /// Creates a usage.
    package init(name: String, requiredKeyUsage: KeyUsage, isCertificateAuthority: Bool) {
        self.name = name
        self.requiredKeyUsage = requiredKeyUsage
        self.isCertificateAuthority = isCertificateAuthority
    }

    /// The JPKI user-authentication certificate: digitalSignature.
    public static let userAuthentication = CertificateUsage(
        name: "user authentication", requiredKeyUsage: KeyUsage(digitalSignature: true), isCertificateAuthority: false)

    /// The JPKI signature certificate: nonRepudiation (contentCommitment), which real signature certificates
    /// assert together with digitalSignature.
    public static let digitalSignature = CertificateUsage(
        name: "digital signature", requiredKeyUsage: KeyUsage(nonRepudiation: true), isCertificateAuthority: false)

    /// A JPKI CA certificate: keyCertSign and BasicConstraints cA = true.
    public static let certificateAuthority = CertificateUsage(
        name: "certificate authority", requiredKeyUsage: KeyUsage(keyCertSign: true), isCertificateAuthority: true)

    /// Whether `keyUsage` asserts every bit of ``requiredKeyUsage``.
    func isSatisfied(by keyUsage: KeyUsage) -> Bool {
        let required = requiredKeyUsage
        return (!required.digitalSignature || keyUsage.digitalSignature)
            && (!required.nonRepudiation || keyUsage.nonRepudiation)
            && (!required.keyEncipherment || keyUsage.keyEncipherment)
            && (!required.dataEncipherment || keyUsage.dataEncipherment)
            && (!required.keyAgreement || keyUsage.keyAgreement)
            && (!required.keyCertSign || keyUsage.keyCertSign)
            && (!required.cRLSign || keyUsage.cRLSign)
    }

    /// The usage's ``name``.
    public var description: String { name }
}
