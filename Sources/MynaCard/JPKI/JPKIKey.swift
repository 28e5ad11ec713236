import MynaISO7816

/// One of the JPKI applet's two key pairs: the private key EF, the credential that unlocks it and the EF of
/// its certificate.
public struct JPKIKey: Hashable, Sendable, CustomStringConvertible {
    /// A short English name.
    public let name: String
    /// The private key EF selected before COMPUTE DIGITAL SIGNATURE.
    package let keyFile: FileIdentifier
    /// The credential that must be verified first.
    public let credential: Credential
    /// The EF of the key's certificate.
    package let certificateFile: FileIdentifier
    /// What the key's certificate must be good for.
    public let usage: CertificateUsage

    /// The user-authentication key (利用者証明用): unlocked by the 4-digit PIN.
    public static let userAuthentication = JPKIKey(
        name: "user-authentication key", keyFile: JPKIFile.authenticationKey, credential: .userAuthenticationPIN,
        certificateFile: JPKIFile.authenticationCertificate, usage: .userAuthentication)

    /// The signature key (署名用): unlocked by the signature password.
    public static let signature = JPKIKey(
        name: "signature key", keyFile: JPKIFile.signatureKey, credential: .signaturePassword,
        certificateFile: JPKIFile.signatureCertificate, usage: .digitalSignature)

    /// The key's ``name``, such as `signature key`.
    public var description: String { name }
}
