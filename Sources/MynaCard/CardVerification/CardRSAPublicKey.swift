import Crypto
import CryptoExtras
import MynaCodec

/// An RSA public key as the card's records carry it — `90` exponent, `91` modulus — or as taken from a
/// certificate, with PKCS#1 v1.5 signature verification over any payload.
public struct CardRSAPublicKey: Hashable, Sendable, CustomStringConvertible {
    /// The modulus n, big-endian, without leading zero bytes.
    public let modulus: [UInt8]
    /// The public exponent e, big-endian, without leading zero bytes.
    public let publicExponent: [UInt8]

    /// Tag `90`: the public exponent in a card record.
    public static let exponentTag = BERTag(0x90)
    /// Tag `91`: the modulus in a card record.
    public static let modulusTag = BERTag(0x91)

    /// Creates a key from its numbers.
    ///
    /// - Throws: ``MyNumberCardError/Code/invalidArgument`` unless the modulus is odd and 1024–4096 bits and the
    ///   exponent odd, at least 3 and shorter than the modulus.
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
    }

    /// Parses the card's encoding: `TLV(90)` exponent followed by `TLV(91)` modulus, nothing else.
    ///
    /// - Throws: ``MyNumberCardError/Code/malformedFile`` when the bytes are not exactly these two objects or
    ///   do not make a valid key.
    public init(cardEncoding bytes: some Collection<UInt8>) throws(MyNumberCardError) {
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
    public init(_ key: _RSA.Signing.PublicKey) throws(MyNumberCardError) {
        let primitives: _RSA.Signing.PublicKey.Primitives
        do {
            primitives = try key.getKeyPrimitives()
        } catch {
            throw MyNumberCardError(.invalidArgument, "cannot read the RSA key's numbers")
        }
        try self.init(modulus: Array(primitives.modulus), publicExponent: Array(primitives.publicExponent))
    }

    /// The key in the card's encoding: `90` exponent, `91` modulus.
    public var cardEncoding: [UInt8] {
        BERTLV.encode(tag: Self.exponentTag, value: publicExponent) + BERTLV.encode(tag: Self.modulusTag, value: modulus)
    }

    /// The modulus size in bits.
    public var keySizeInBits: Int {
        guard let first = modulus.first else { return 0 }
        return modulus.count * 8 - first.leadingZeroBitCount
    }

    /// The key for swift-crypto.
    public var swiftCryptoKey: _RSA.Signing.PublicKey {
        get throws { try _RSA.Signing.PublicKey(n: modulus, e: publicExponent) }
    }

    /// Whether `signature` is an RSASSA-PKCS1-v1_5 signature (type-1 padding) over `payload` exactly as given
    /// — normally a DigestInfo, but any payload up to k − 11 bytes (the card-face record signs a DigestInfo
    /// with three hashes).
    ///
    /// The signature is opened with the public key and compared, byte for byte, with the one encoding
    /// `00 01 FF…FF 00 ‖ payload` allows (at least 8 `FF`s): no parsing of what the signature contains.
    public func isValidSignature(_ signature: some Collection<UInt8>, forPayload payload: some Collection<UInt8>) -> Bool {
        let k = modulus.count
        guard payload.count >= 1, payload.count <= k - 11 else { return false }
        guard let opened = RSAPublicOperation.apply(signature: Array(signature), modulus: modulus, exponent: publicExponent)
        else { return false }
        var expected: [UInt8] = [0x00, 0x01]
        expected.append(contentsOf: repeatElement(0xFF, count: k - 3 - payload.count))
        expected.append(0x00)
        expected.append(contentsOf: payload)
        return opened == expected
    }

    /// Whether `signature` is an RSASSA-PKCS1-v1_5 signature with SHA-256 over `message` (the card's rule for
    /// every record signature except `DF28`).
    public func isValidSignature(_ signature: some Collection<UInt8>, forSHA256Of message: some Sequence<UInt8>) -> Bool {
        isValidSignature(signature, forPayload: DigestAlgorithm.sha256.digestInfo(hashing: message))
    }

    /// The key size and the first bytes of the modulus (public values).
    public var description: String {
        "RSA-\(keySizeInBits) key " + Hex.encode(modulus.prefix(4)) + "…"
    }
}
