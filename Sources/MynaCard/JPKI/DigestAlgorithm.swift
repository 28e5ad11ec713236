import Crypto

/// A hash algorithm for signatures, with the DER prefix of its PKCS#1 DigestInfo (RFC 8017 §9.2 note 1).
///
/// The JPKI applet signs a DigestInfo supplied whole (COMPUTE DIGITAL SIGNATURE with P1 `00`); this type
/// builds it for the caller.
public struct DigestAlgorithm: Hashable, Sendable, CustomStringConvertible {
    /// The algorithm's name, e.g. `SHA-256`.
    public let name: String
    /// The digest length in bytes.
    public let digestLength: Int
    /// The DER encoding of `DigestInfo` up to the digest: SEQUENCE { AlgorithmIdentifier, OCTET STRING header }.
    package let digestInfoPrefix: [UInt8]

    private init(name: String, digestLength: Int, digestInfoPrefix: [UInt8]) {
        self.name = name
        self.digestLength = digestLength
        self.digestInfoPrefix = digestInfoPrefix
    }

    /// SHA-256: prefix `30 31 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20`.
    public static let sha256 = DigestAlgorithm(
        name: "SHA-256", digestLength: 32,
        digestInfoPrefix: [0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20])
    /// SHA-384: prefix `30 41 30 0D 06 09 60 86 48 01 65 03 04 02 02 05 00 04 30`.
    public static let sha384 = DigestAlgorithm(
        name: "SHA-384", digestLength: 48,
        digestInfoPrefix: [0x30, 0x41, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30])
    /// SHA-512: prefix `30 51 30 0D 06 09 60 86 48 01 65 03 04 02 03 05 00 04 40`.
    public static let sha512 = DigestAlgorithm(
        name: "SHA-512", digestLength: 64,
        digestInfoPrefix: [0x30, 0x51, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40])

    /// The DigestInfo prefix of the card-face record's signature (`DF28`): the SHA-256 identifier with an
    /// OCTET STRING of 96 bytes, the three SHA-256 hashes of the signed groups:
    /// `30 71 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 60`.
    package static let cardFaceDigestInfoPrefix: [UInt8] = [
        0x30, 0x71, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x60,
    ]

    /// The algorithm of a swift-crypto digest type: `SHA256.Digest`, `SHA384.Digest` or `SHA512.Digest`;
    /// `nil` for any other.
    init?<D: Digest>(digestType: D.Type) {
        switch digestType {
        case is SHA256.Digest.Type: self = .sha256
        case is SHA384.Digest.Type: self = .sha384
        case is SHA512.Digest.Type: self = .sha512
        default: return nil
        }
    }

    /// The digest of `message`.
    public func hash(_ message: some Sequence<UInt8>) -> [UInt8] {
        let bytes = Array(message)
        switch digestLength {
        case 48: return Array(SHA384.hash(data: bytes))
        case 64: return Array(SHA512.hash(data: bytes))
        default: return Array(SHA256.hash(data: bytes))
        }
    }

    /// The DigestInfo of a digest computed elsewhere.
    ///
    /// - Throws: ``MyNumberCardError/Code/invalidArgument`` when the digest is not ``digestLength`` bytes.
    package func digestInfo(digest: some Collection<UInt8>) throws(MyNumberCardError) -> [UInt8] {
        guard digest.count == digestLength else {
            throw MyNumberCardError(.invalidArgument, "a \(name) digest is \(digestLength) bytes, got \(digest.count)")
        }
        return digestInfoPrefix + digest
    }

    /// The DigestInfo of the digest of `message`.
    public func digestInfo(hashing message: some Sequence<UInt8>) -> [UInt8] {
        digestInfoPrefix + hash(message)
    }

    /// The algorithm's ``name``.
    public var description: String { name }
}
