import BigInt
import Foundation

extension CardRSAPublicKey {
    /// Whether `signature` is an RSASSA-PKCS1-v1_5 signature (type-1 padding) over `payload` exactly as
    /// given, by the raw public-key operation — for payloads swift-crypto cannot verify.
    ///
    /// swift-crypto verifies PKCS#1 v1.5 only for a digest value of its own (`SHA256.Digest` and so on), made
    /// by hashing, and has no raw public-key operation. Two payloads therefore come here:
    /// - the card-face record's signature (`DF28`), a DigestInfo whose OCTET STRING holds three SHA-256
    ///   hashes (96 bytes, ``DigestAlgorithm/cardFaceDigestInfoPrefix``);
    /// - the DigestInfo of a digest a caller holds only as bytes
    ///   (``JPKIReader/sign(digest:algorithm:key:passcode:certificate:options:)``).
    ///
    /// For a message or a swift-crypto digest use ``isValidSignature(_:forMessage:algorithm:)``,
    /// ``isValidSignature(_:forSHA256Of:)`` or ``isValidSignature(_:for:)``, which swift-crypto verifies.
    ///
    /// The signature is opened with the public key (`s^e mod n`, attaswift/BigInt; public values only, so
    /// not constant time) and compared, byte for byte, with the one block `00 01 FF…FF 00 ‖ payload` allows
    /// (at least 8 `FF`s): nothing inside the signature is parsed.
    ///
    /// - Returns: `false` also when the payload is empty or longer than k − 11 bytes, or the signature is not
    ///   exactly k bytes or not below the modulus.
    package func isValidSignature(_ signature: some Collection<UInt8>, forPayload payload: some Collection<UInt8>) -> Bool {
        let k = modulus.count
        guard payload.count >= 1, payload.count <= k - 11 else { return false }
        guard let opened = openSignature(Array(signature)) else { return false }
        var expected: [UInt8] = [0x00, 0x01]
        expected.append(contentsOf: repeatElement(0xFF, count: k - 3 - payload.count))
        expected.append(0x00)
        expected.append(contentsOf: payload)
        return opened == expected
    }

    /// The signature opened with this key: the encoded block, k bytes, or `nil` when the signature is out of
    /// range.
    func openSignature(_ signature: [UInt8]) -> [UInt8]? {
        Self.publicOperation(signature: signature, modulus: modulus, exponent: publicExponent)
    }

    /// RSAVP1 (RFC 8017 §5.2.2): `signature^exponent mod modulus` on big-endian byte strings, as many bytes
    /// as the modulus.
    ///
    /// - Returns: `nil` when the modulus (leading zeros dropped) is even or shorter than 2 bytes, when the
    ///   exponent is zero, when the signature is not exactly as long as the modulus, or when it is not
    ///   smaller than the modulus ("signature representative out of range").
    static func publicOperation(signature: [UInt8], modulus: [UInt8], exponent: [UInt8]) -> [UInt8]? {
        let modulus = Array(modulus.drop { $0 == 0 })
        let exponent = Array(exponent.drop { $0 == 0 })
        guard modulus.count >= 2, let last = modulus.last, last & 1 == 1, !exponent.isEmpty,
            signature.count == modulus.count
        else { return nil }
        let n = BigUInt(Data(modulus))
        let s = BigUInt(Data(signature))
        guard s < n else { return nil }
        let opened = [UInt8](s.power(BigUInt(Data(exponent)), modulus: n).serialize())
        // Below n, so never longer than the modulus; left-pad to its length.
        guard opened.count <= modulus.count else { return nil }
        return [UInt8](repeating: 0, count: modulus.count - opened.count) + opened
    }
}
