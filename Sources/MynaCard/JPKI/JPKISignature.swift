/// A signature made by a JPKI key, already verified against the key's certificate.
public struct JPKISignature: Hashable, Sendable {
    /// The signature (RSASSA-PKCS1-v1_5, 256 bytes for RSA-2048).
    public let signature: [UInt8]
    /// The hash algorithm.
    public let algorithm: DigestAlgorithm
    /// The DigestInfo the card signed.
    public let digestInfo: [UInt8]
    /// Which key signed.
    public let key: JPKIKey
    /// The certificate the signature was verified with.
    public let certificate: CardCertificate
}
