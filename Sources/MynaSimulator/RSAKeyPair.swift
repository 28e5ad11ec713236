import Crypto
import CryptoExtras
import Foundation

/// An RSA-2048 private key that can sign what a card signs: any PKCS#1 v1.5 payload (a DigestInfo, or the
/// three-hash DigestInfo of the card face record), not only a digest swift-crypto knows.
///
/// swift-crypto has no public "pad and sign these bytes" call, so the padding (EMSA-PKCS1-v1_5, type 1) is
/// done here and the raw private-key operation is RSA blind signing's `blindSignature(for:)`, which computes
/// `m^d mod n` on a modulus-sized message.
struct RSAKeyPair: Sendable {
    /// For X.509 (swift-certificates takes this type).
    let signingKey: _RSA.Signing.PrivateKey
    /// The same key, for the raw private-key operation.
    private let rawKey: _RSA.BlindSigning.PrivateKey<SHA384>
    /// The modulus, big-endian, 256 bytes.
    let modulus: [UInt8]
    /// The public exponent, big-endian without leading zeros (`01 00 01`).
    let publicExponent: [UInt8]

    /// The modulus size in bytes.
    static let modulusByteCount = 256
    /// The largest payload PKCS#1 v1.5 can pad under a 2048-bit key (k − 11).
    static let maximumPayloadCount = modulusByteCount - 11
    /// The DER prefix of a SHA-256 DigestInfo holding one 32-byte hash.
    static let sha256DigestInfoPrefix: [UInt8] = [
        0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
    ]

    /// Loads a PKCS#8 PEM key.
    init(pem: String) throws(SimulatorError) {
        do {
            signingKey = try _RSA.Signing.PrivateKey(pemRepresentation: pem)
            rawKey = try _RSA.BlindSigning.PrivateKey(pemRepresentation: pem)
            let primitives = try signingKey.publicKey.getKeyPrimitives()
            let n = Array(primitives.modulus.drop { $0 == 0 })
            guard n.count == Self.modulusByteCount else {
                throw SimulatorError(.buildFailed, "the key fixture is not RSA-2048")
            }
            modulus = n
            publicExponent = Array(primitives.publicExponent.drop { $0 == 0 })
        } catch let error as SimulatorError {
            throw error
        } catch {
            throw SimulatorError(.buildFailed, "cannot load an RSA key fixture: \(error)")
        }
    }

    /// The public half.
    var publicKey: _RSA.Signing.PublicKey { signingKey.publicKey }

    /// The key as the card writes it in records: `90` exponent, `91` modulus.
    var cardEncoding: [UInt8] {
        CardTLV.encode(0x90, publicExponent) + CardTLV.encode(0x91, modulus)
    }

    /// RSASSA-PKCS1-v1_5 over `payload` exactly as given (type-1 padding, no hashing).
    ///
    /// - Returns: `nil` when the payload is empty or longer than k − 11 bytes.
    func signPKCS1(payload: some Collection<UInt8>) -> [UInt8]? {
        guard !payload.isEmpty, payload.count <= Self.maximumPayloadCount else { return nil }
        var block: [UInt8] = [0x00, 0x01]
        block.append(contentsOf: repeatElement(0xFF, count: Self.modulusByteCount - 3 - payload.count))
        block.append(0x00)
        block.append(contentsOf: payload)
        guard let signature = try? rawKey.blindSignature(for: block) else { return nil }
        var bytes = Array(signature.rawRepresentation)
        if bytes.count < Self.modulusByteCount {
            bytes.insert(contentsOf: repeatElement(0, count: Self.modulusByteCount - bytes.count), at: 0)
        }
        return bytes
    }

    /// RSASSA-PKCS1-v1_5 with SHA-256 over `message` (the DigestInfo of its hash).
    func signSHA256(_ message: some Sequence<UInt8>) throws(SimulatorError) -> [UInt8] {
        let digest = Array(SHA256.hash(data: Array(message)))
        guard let signature = signPKCS1(payload: Self.sha256DigestInfoPrefix + digest) else {
            throw SimulatorError(.buildFailed, "RSA signing failed")
        }
        return signature
    }
}
