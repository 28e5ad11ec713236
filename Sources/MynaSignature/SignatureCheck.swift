/// One check a verification made; the result lists every check that passed. An open set.
public struct SignatureCheck: Hashable, Sendable, CustomStringConvertible {
    /// A short English description.
    public let name: String

    /// Creates a check.
    public init(_ name: String) { self.name = name }

    /// The signature value verifies with the signer certificate's key (RSASSA-PKCS1-v1_5).
    public static let signatureValue = SignatureCheck("signature value verifies with the signer's key")
    /// The message-digest attribute equals the digest of the content.
    public static let messageDigest = SignatureCheck("message digest matches the content")
    /// The content-type attribute equals the encapsulated content type.
    public static let contentType = SignatureCheck("content type attribute matches")
    /// ESS signing-certificate-v2 names the signer's certificate by hash (CAdES-BES).
    public static let signingCertificate = SignatureCheck("ESS signing-certificate-v2 matches the signer's certificate")
    /// The chain from the signer's certificate to a trust anchor verifies, every signature along it.
    public static let certificateChain = SignatureCheck("certificate chain to a trust anchor")
    /// Every certificate of the chain was valid at the signing time (or at the validation time without one).
    public static let validityAtSigningTime = SignatureCheck("validity of every certificate at the signing time")
    /// The signer's KeyUsage allows the key's use (nonRepudiation for the signature key, digitalSignature
    /// for the user-authentication key); every issuer asserts keyCertSign.
    public static let keyUsage = SignatureCheck("KeyUsage")
    /// Every issuer is a CA within its path length; the signer is not a CA.
    public static let basicConstraints = SignatureCheck("BasicConstraints")
    /// The PDF signature's ByteRange starts at 0, leaves out exactly its /Contents string, and (for the newest
    /// signature) reaches the end of the file.
    public static let byteRange = SignatureCheck("ByteRange covers the file except the signature's /Contents")
    /// Every signature dictionary in the PDF was verified.
    public static let everySignature = SignatureCheck("every signature dictionary in the file")

    /// The check's ``name``.
    public var description: String { name }
}
