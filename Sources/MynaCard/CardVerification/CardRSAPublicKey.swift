import Crypto
import CryptoExtras
import MynaCodec
import SwiftASN1

/// An RSA public key as the card's records carry it — `90` exponent, `91` modulus — or as taken from a
/// certificate, with RSASSA-PKCS1-v1_5 signature verification (package: the library checks every
/// signature before it hands a value back; an app verifies JPKI signatures with ``CardCertificate``).
///
/// Signatures over a standard DigestInfo (SHA-256, SHA-384, SHA-512) are verified by swift-crypto:
/// pass the message (`isValidSignature(_:forMessage:algorithm:)`, `isValidSignature(_:forSHA256Of:)`)
/// or a swift-crypto digest (`isValidSignature(_:for:)`). Only payloads swift-crypto cannot take — the
/// card-face record's DigestInfo of three hashes, or a DigestInfo of a digest held only as bytes — go
/// through `isValidSignature(_:forPayload:)`, the raw public-key operation.
public struct CardRSAPublicKey: Hashable, Sendable, CustomStringConvertible {
    /// The modulus n, big-endian, without leading zero bytes.
    public let modulus: [UInt8]
    /// The public exponent e, big-endian, without leading zero bytes.
    public let publicExponent: [UInt8]
    /// The same key for swift-crypto, made once.
    let verifier: _RSA.Signing.PublicKey

    /// Tag `90`: the public exponent in a card record.
    package static let exponentTag = BERTag(0x90)
    /// Tag `91`: the modulus in a card record.
    package static let modulusTag = BERTag(0x91)

    /// Creates a key from its numbers.
    ///
    /// - Throws: ``MyNumberCardError/Code/invalidArgument`` unless the modulus is odd and 1024–4096 bits, the
    ///   exponent odd, at least 3 and shorter than the modulus, and swift-crypto accepts the key (it limits
    ///   the exponent to 33 bits).
    public init(modulus: some Collection<UInt8>, publicExponent: some Collection<UInt8>) throws(MyNumberCardError) {
        let n = Array(modulus.drop { $0 == 0 })
        let e = Array(publicExponent.drop { $0 == 0 })
        guard (128...512).contains(n.count), let lastN = n.last, lastN & 1 == 1 else {
            throw MyNumberCardError(.invalidArgument, "an RSA modulus must be odd and 1024–4096 bits")
        }
        guard !e.isEmpty, e.count < n.count, let lastE = e.last, lastE & 1 == 1, e != [1] else {
            throw MyNumberCardError(.invalidArgument, "an RSA public exponent must be odd, at least 3 and below the modulus")
        }
        self.modulus = n
        self.publicExponent = e
        verifier = try Self.swiftCryptoKey(modulus: n, publicExponent: e)
    }

    /// Parses the card's encoding: `TLV(90)` exponent followed by `TLV(91)` modulus, nothing else.
    ///
    /// - Throws: ``MyNumberCardError/Code/malformedFile`` when the bytes are not exactly these two objects or
    ///   do not make a valid key.
    package init(cardEncoding bytes: some Collection<UInt8>) throws(MyNumberCardError) {
        let nodes: [TLVNode]
        do {
            nodes = try BERTLV.parse(Array(bytes))
        } catch {
            throw MyNumberCardError.malformed("an RSA key is not 90/91 data objects: \(error.reason)")
        }
        guard nodes.count == 2, nodes[0].tag == Self.exponentTag, nodes[1].tag == Self.modulusTag else {
            throw MyNumberCardError.malformed("an RSA key must be exactly 90 (exponent) then 91 (modulus)")
        }
        do {
            try self.init(modulus: nodes[1].value, publicExponent: nodes[0].value)
        } catch {
            throw MyNumberCardError.malformed("the RSA key in a record is not valid: \(error.reason)")
        }
    }

    /// Takes the numbers of a swift-crypto RSA key (e.g. from a certificate).
    package init(_ key: _RSA.Signing.PublicKey) throws(MyNumberCardError) {
        let primitives: _RSA.Signing.PublicKey.Primitives
        do {
            primitives = try key.getKeyPrimitives()
        } catch {
            throw MyNumberCardError(.invalidArgument, "cannot read the RSA key's numbers")
        }
        try self.init(modulus: Array(primitives.modulus), publicExponent: Array(primitives.publicExponent))
    }

    /// The key in the card's encoding: `90` exponent, `91` modulus.
    package var cardEncoding: [UInt8] {
        BERTLV.encode(tag: Self.exponentTag, value: publicExponent) + BERTLV.encode(tag: Self.modulusTag, value: modulus)
    }

    /// The modulus size in bits.
    package var keySizeInBits: Int {
        guard let first = modulus.first else { return 0 }
        return modulus.count * 8 - first.leadingZeroBitCount
    }

    /// The key for swift-crypto.
    package var swiftCryptoKey: _RSA.Signing.PublicKey { verifier }

    /// Whether `signature` is an RSASSA-PKCS1-v1_5 signature over `digest`, verified by swift-crypto.
    ///
    /// - Returns: `false` for a digest other than SHA-256, SHA-384 or SHA-512 (`SHA256.Digest`,
    ///   `SHA384.Digest`, `SHA512.Digest`), which the card does not use.
    package func isValidSignature<D: Digest>(_ signature: some Collection<UInt8>, for digest: D) -> Bool {
        guard DigestAlgorithm(digestType: D.self) != nil else { return false }
        return verifier.isValidSignature(
            _RSA.Signing.RSASignature(rawRepresentation: Array(signature)), for: digest, padding: .insecurePKCS1v1_5)
    }

    /// Whether `signature` is an RSASSA-PKCS1-v1_5 signature over `message` hashed with `algorithm`; the
    /// message is hashed and the signature verified by swift-crypto.
    package func isValidSignature(
        _ signature: some Collection<UInt8>, forMessage message: some Sequence<UInt8>, algorithm: DigestAlgorithm
    ) -> Bool {
        let bytes = Array(message)
        switch algorithm {
        case .sha384: return isValidSignature(signature, for: SHA384.hash(data: bytes))
        case .sha512: return isValidSignature(signature, for: SHA512.hash(data: bytes))
        default: return isValidSignature(signature, for: SHA256.hash(data: bytes))
        }
    }

    /// Whether `signature` is an RSASSA-PKCS1-v1_5 signature with SHA-256 over `message` (the card's rule for
    /// every record signature except `DF28`), verified by swift-crypto.
    package func isValidSignature(_ signature: some Collection<UInt8>, forSHA256Of message: some Sequence<UInt8>) -> Bool {
        isValidSignature(signature, for: SHA256.hash(data: Array(message)))
    }

    /// The key size and the first bytes of the modulus (public values).
    public var description: String {
        "RSA-\(keySizeInBits) key " + Hex.encode(modulus.prefix(4)) + "…"
    }

    /// Equal when the numbers are equal.
    public static func == (lhs: CardRSAPublicKey, rhs: CardRSAPublicKey) -> Bool {
        lhs.modulus == rhs.modulus && lhs.publicExponent == rhs.publicExponent
    }

    /// Hashes the numbers.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(modulus)
        hasher.combine(publicExponent)
    }

    /// swift-crypto's key for `n` and `e`: from the numbers when at least 2048 bits (swift-crypto's minimum
    /// for `init(n:e:)`), else from the PKCS#1 `RSAPublicKey` DER through its explicit 1024-bit entry point.
    private static func swiftCryptoKey(modulus n: [UInt8], publicExponent e: [UInt8]) throws(MyNumberCardError)
        -> _RSA.Signing.PublicKey
    {
        do {
            let bits = n.count * 8 - (n.first?.leadingZeroBitCount ?? 8)
            if bits >= 2048 { return try _RSA.Signing.PublicKey(n: n, e: e) }
            var serializer = DER.Serializer()
            try serializer.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(ArraySlice(n))
                try coder.serialize(ArraySlice(e))
            }
            return try _RSA.Signing.PublicKey(unsafeDERRepresentation: serializer.serializedBytes)
        } catch {
            throw MyNumberCardError(.invalidArgument, "swift-crypto does not accept this RSA key")
        }
    }
}
