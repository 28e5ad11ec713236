import Crypto
import CryptoExtras
import Foundation
import MynaCard
import X509

struct TestSupportError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// An RSA-2048 test key that can sign any PKCS#1 v1.5 payload (the raw private operation is RSA blind
/// signing's `blindSignature(for:)`, which computes `m^d mod n` on a modulus-sized block).
struct TestKey: Sendable {
    let signing: _RSA.Signing.PrivateKey
    let raw: _RSA.BlindSigning.PrivateKey<SHA384>
    let publicKey: CardRSAPublicKey

    init(pem: String) throws {
        signing = try _RSA.Signing.PrivateKey(pemRepresentation: pem)
        raw = try _RSA.BlindSigning.PrivateKey(pemRepresentation: pem)
        publicKey = try CardRSAPublicKey(signing.publicKey)
    }

    /// RSASSA-PKCS1-v1_5 over `payload` exactly as given.
    func sign(payload: [UInt8]) throws -> [UInt8] {
        let k = publicKey.modulus.count
        guard payload.count <= k - 11 else { throw TestSupportError("payload too long") }
        var block: [UInt8] = [0x00, 0x01]
        block.append(contentsOf: repeatElement(0xFF, count: k - 3 - payload.count))
        block.append(0x00)
        block.append(contentsOf: payload)
        var signature = Array(try raw.blindSignature(for: block).rawRepresentation)
        while signature.count < k { signature.insert(0, at: 0) }
        return signature
    }

    /// RSASSA-PKCS1-v1_5 with SHA-256 over `message`.
    func signSHA256(_ message: [UInt8]) throws -> [UInt8] {
        try sign(payload: DigestAlgorithm.sha256.digestInfo(hashing: message))
    }

    var certificatePublicKey: Certificate.PublicKey { Certificate.PublicKey(signing.publicKey) }
    var certificatePrivateKey: Certificate.PrivateKey { Certificate.PrivateKey(signing) }
}

/// The test keys, loaded once.
struct TestKeys: Sendable {
    let cvAuthority: TestKey
    let issuer: TestKey
    let card: TestKey
    let authentication: TestKey
    let signature: TestKey
    let jpkiCA: TestKey

    private static let loaded: Result<TestKeys, any Error> = Result {
        TestKeys(
            cvAuthority: try TestKey(pem: TestKeyPEM.cvAuthority), issuer: try TestKey(pem: TestKeyPEM.issuer),
            card: try TestKey(pem: TestKeyPEM.card), authentication: try TestKey(pem: TestKeyPEM.authentication),
            signature: try TestKey(pem: TestKeyPEM.signature), jpkiCA: try TestKey(pem: TestKeyPEM.jpkiCA))
    }

    static func shared() throws -> TestKeys { try loaded.get() }
}

/// Flips one bit of `bytes` at `index` (wrapped into range).
func flippingBit(_ bytes: [UInt8], at index: Int, bit: UInt8 = 0) -> [UInt8] {
    var copy = bytes
    guard !copy.isEmpty else { return copy }
    let position = ((index % copy.count) + copy.count) % copy.count
    copy[position] ^= 1 << (bit & 7)
    return copy
}
