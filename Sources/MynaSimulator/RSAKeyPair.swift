import Crypto
import CryptoExtras
import Foundation
import MynaCard
import MynaCodec

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
        BERTLV.encode(tag: CardRSAPublicKey.exponentTag, value: publicExponent)
            + BERTLV.encode(tag: CardRSAPublicKey.modulusTag, value: modulus)
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
        guard let signature = signPKCS1(payload: DigestAlgorithm.sha256.digestInfo(hashing: message)) else {
            throw SimulatorError(.buildFailed, "RSA signing failed")
        }
        return signature
    }

    /// RSAES-OAEP (SHA-256, MGF1-SHA-256, empty label) decryption of a modulus-sized block.
    ///
    /// - Returns: `nil` when the block does not decrypt (another key, bad padding).
    func decryptOAEPSHA256(_ block: [UInt8]) -> [UInt8]? {
        guard let key = try? _RSA.Encryption.PrivateKey(derRepresentation: signingKey.derRepresentation),
            let plaintext = try? key.decrypt(block, padding: .PKCS1_OAEP_SHA256)
        else { return nil }
        return Array(plaintext)
    }

    /// RSASSA-PSS (SHA-256, MGF1-SHA-256, 32-byte random salt) over a 32-byte SHA-256 hash, as
    /// COMPUTE DIGITAL SIGNATURE P1 `04`/`05` make it.
    ///
    /// - Returns: `nil` unless the hash is 32 bytes.
    func signPSS(sha256Hash hash: [UInt8]) -> [UInt8]? {
        guard hash.count == 32 else { return nil }
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let h = Array(SHA256.hash(data: [UInt8](repeating: 0, count: 8) + hash + salt))
        let dbCount = Self.modulusByteCount - h.count - 1
        var db = [UInt8](repeating: 0, count: dbCount - salt.count - 1) + [0x01] + salt
        var mask: [UInt8] = []
        var counter: UInt32 = 0
        while mask.count < dbCount {
            let c = [UInt8(counter >> 24), UInt8((counter >> 16) & 0xFF), UInt8((counter >> 8) & 0xFF), UInt8(counter & 0xFF)]
            mask += Array(SHA256.hash(data: h + c))
            counter += 1
        }
        for index in db.indices { db[index] ^= mask[index] }
        db[0] &= 0x7F  // emBits = 2047: the leftmost bit is cleared
        let encoded = db + h + [0xBC]
        guard let signature = try? rawKey.blindSignature(for: encoded) else { return nil }
        var bytes = Array(signature.rawRepresentation)
        if bytes.count < Self.modulusByteCount {
            bytes.insert(contentsOf: repeatElement(0, count: Self.modulusByteCount - bytes.count), at: 0)
        }
        return bytes
    }
}
