import Crypto
import CryptoExtras
import Foundation
@testable import MynaCard
import SwiftASN1
import Testing
import X509

@Suite struct RSAVerificationTests {
    @Test func opensBoringSSLSignaturesToTheExactPKCS1Block() throws {
        let keys = try TestKeys.shared()
        let message = Array("MynaKit".utf8)
        let digest = SHA256.hash(data: message)
        let signature = Array(try keys.issuer.signing.signature(for: digest, padding: .insecurePKCS1v1_5).rawRepresentation)
        let key = keys.issuer.publicKey
        let opened = try #require(
            RSAPublicOperation.apply(signature: signature, modulus: key.modulus, exponent: key.publicExponent))
        let digestInfo = DigestAlgorithm.sha256.digestInfoPrefix + Array(digest)
        #expect(opened.prefix(2) == [0x00, 0x01])
        #expect(Array(opened.suffix(digestInfo.count)) == digestInfo)
        #expect(key.isValidSignature(signature, forSHA256Of: message))
        #expect(key.isValidSignature(signature, forPayload: digestInfo))
    }

    @Test func ourSignaturesVerifyWithBoringSSL() throws {
        let keys = try TestKeys.shared()
        for algorithm in [DigestAlgorithm.sha256, .sha384, .sha512] {
            let message = Array("message for \(algorithm)".utf8)
            let signature = try keys.card.sign(payload: algorithm.digestInfo(hashing: message))
            let boring = keys.card.signing.publicKey
            let valid: Bool
            switch algorithm {
            case .sha384:
                valid = boring.isValidSignature(
                    _RSA.Signing.RSASignature(rawRepresentation: signature), for: SHA384.hash(data: message),
                    padding: .insecurePKCS1v1_5)
            case .sha512:
                valid = boring.isValidSignature(
                    _RSA.Signing.RSASignature(rawRepresentation: signature), for: SHA512.hash(data: message),
                    padding: .insecurePKCS1v1_5)
            default:
                valid = boring.isValidSignature(
                    _RSA.Signing.RSASignature(rawRepresentation: signature), for: SHA256.hash(data: message),
                    padding: .insecurePKCS1v1_5)
            }
            #expect(valid, "\(algorithm)")
            #expect(keys.card.publicKey.isValidSignature(signature, forPayload: algorithm.digestInfo(hashing: message)))
        }
    }

    @Test(arguments: [0, 1, 17, 128, 200, 255])
    func oneFlippedBitFails(_ index: Int) throws {
        let keys = try TestKeys.shared()
        let payload = DigestAlgorithm.cardFaceDigestInfoPrefix + [UInt8](repeating: 0x42, count: 96)
        let signature = try keys.issuer.sign(payload: payload)
        #expect(keys.issuer.publicKey.isValidSignature(signature, forPayload: payload))
        #expect(!keys.issuer.publicKey.isValidSignature(flippingBit(signature, at: index), forPayload: payload))
        #expect(!keys.issuer.publicKey.isValidSignature(signature, forPayload: flippingBit(payload, at: index, bit: 3)))
        #expect(!keys.card.publicKey.isValidSignature(signature, forPayload: payload))
    }

    @Test func outOfRangeSignaturesAreRejected() throws {
        let key = try TestKeys.shared().issuer.publicKey
        let payload = DigestAlgorithm.sha256.digestInfo(hashing: [1, 2, 3])
        #expect(!key.isValidSignature(key.modulus, forPayload: payload))  // s = n
        #expect(!key.isValidSignature([UInt8](repeating: 0xFF, count: 256), forPayload: payload))
        #expect(!key.isValidSignature([UInt8](repeating: 0x01, count: 255), forPayload: payload))
        #expect(!key.isValidSignature([UInt8](repeating: 0x01, count: 257), forPayload: payload))
        #expect(!key.isValidSignature([UInt8](), forPayload: payload))
    }

    @Test func smallKnownVector() {
        // Moduli under 2 bytes are refused.
        #expect(RSAPublicOperation.apply(signature: [0x00, 0x03], modulus: [0x00, 0x21], exponent: [0x07]) == nil)
        // 3^7 mod 289 = 2187 − 7·289 = 164 = 0xA4.
        #expect(RSAPublicOperation.apply(signature: [0x00, 0x03], modulus: [0x01, 0x21], exponent: [0x07]) == [0x00, 0xA4])
        // 2^65537 mod 0xFFF1 (a 2-limb-free odd modulus) against a plain square-and-multiply.
        var expected = 1
        for _ in 0..<65537 { expected = expected * 2 % 0xFFF1 }
        #expect(
            RSAPublicOperation.apply(signature: [0x00, 0x02], modulus: [0xFF, 0xF1], exponent: [0x01, 0x00, 0x01])
                == [UInt8(expected >> 8), UInt8(expected & 0xFF)])
        // Even moduli are refused.
        #expect(RSAPublicOperation.apply(signature: [0x00, 0x03], modulus: [0x01, 0x22], exponent: [0x07]) == nil)
    }

    @Test func cardKeyEncodingRoundTrips() throws {
        let key = try TestKeys.shared().card.publicKey
        #expect(key.cardEncoding.prefix(5) == [0x90, 0x03, 0x01, 0x00, 0x01])
        #expect(key.cardEncoding.count == 265)
        #expect(try CardRSAPublicKey(cardEncoding: key.cardEncoding) == key)
        #expect(key.keySizeInBits == 2048)
    }

    @Test(arguments: [
        [UInt8](),
        [0x91, 0x01, 0x03],
        [0x90, 0x03, 0x01, 0x00, 0x01],
        [0x90, 0x03, 0x01, 0x00, 0x01, 0x91, 0x82, 0x01, 0x00, 0x01],
        [0x90, 0x03, 0x01, 0x00, 0x01, 0x92, 0x01, 0x03],
    ])
    func malformedCardKeys(_ bytes: [UInt8]) {
        #expect {
            try CardRSAPublicKey(cardEncoding: bytes)
        } throws: { ($0 as? MyNumberCardError)?.code == .malformedFile }
    }
}

@Suite struct DigestAlgorithmTests {
    @Test func prefixesAreTheDEROfDigestInfo() throws {
        for (algorithm, oidLast, length) in [(DigestAlgorithm.sha256, UInt8(1), 32), (.sha384, 2, 48), (.sha512, 3, 64)] {
            let prefix = algorithm.digestInfoPrefix
            #expect(prefix.count == 19)
            #expect(prefix[1] == UInt8(prefix.count - 2 + length))
            #expect(prefix[14] == oidLast)
            #expect(prefix.last == UInt8(length))
            let digestInfo = try algorithm.digestInfo(digest: [UInt8](repeating: 0, count: length))
            #expect(try DER.parse(digestInfo).identifier == .sequence)
        }
        #expect(DigestAlgorithm.cardFaceDigestInfoPrefix == [
            0x30, 0x71, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x60,
        ])
    }

    @Test func wrongDigestLengthIsTyped() {
        #expect {
            try DigestAlgorithm.sha384.digestInfo(digest: [UInt8](repeating: 0, count: 32))
        } throws: { ($0 as? MyNumberCardError)?.code == .invalidArgument }
    }
}

@Suite struct RealJPKICertificateTests {
    static func signatureBytes(of der: [UInt8]) throws -> (tbs: [UInt8], signature: [UInt8]) {
        let node = try DER.parse(der)
        guard case .constructed(let children) = node.content else { throw TestSupportError("not constructed") }
        let parts = Array(children)
        guard parts.count == 3 else { throw TestSupportError("not a certificate") }
        let bits = try ASN1BitString(derEncoded: parts[2])
        return (Array(parts[0].encodedBytes), Array(bits.bytes))
    }

    @Test(arguments: RealJPKICertificates.all.map(\.name))
    func parseAndSelfVerify(_ name: String) async throws {
        let pem = try #require(RealJPKICertificates.all.first { $0.name == name }?.pem)
        let certificate = try CardCertificate(pemEncoded: pem)
        #expect(certificate.isSelfSigned)
        #expect(certificate.rsaPublicKey.keySizeInBits == 2048)
        #expect(certificate.basicConstraints == .isCertificateAuthority(maxPathLength: nil))
        let keyUsage = try #require(certificate.keyUsage)
        #expect(keyUsage.keyCertSign && keyUsage.cRLSign && !keyUsage.digitalSignature)
        #expect(certificate.subject == certificate.issuer)
        #expect("\(certificate.issuer)".contains("JPKI"))

        // Our own RSA verification agrees with swift-certificates on a real signature.
        let (tbs, signature) = try Self.signatureBytes(of: certificate.derEncoded)
        #expect(certificate.rsaPublicKey.isValidSignature(signature, forSHA256Of: tbs))
        #expect(!certificate.rsaPublicKey.isValidSignature(flippingBit(signature, at: 100), forSHA256Of: tbs))

        // It validates as a CA against itself, inside its validity period, and not after.
        let validator = CertificateChainValidator(trustAnchors: [certificate])
        let middle = certificate.notValidBefore.addingTimeInterval(86_400 * 365)
        let chain = try await validator.validate(certificate, for: .certificateAuthority, at: middle)
        #expect(chain.count == 1)
        await #expect(throws: MyNumberCardError.self) {
            try await validator.validate(certificate, for: .certificateAuthority, at: certificate.notValidAfter.addingTimeInterval(1))
        }
        // A CA certificate is not a user-authentication certificate.
        await #expect(throws: MyNumberCardError.self) {
            try await validator.validate(certificate, for: .userAuthentication, at: middle)
        }
    }

    @Test func pemTrustAnchorsLoad() throws {
        let validator = try CertificateChainValidator(pemEncodedTrustAnchors: RealJPKICertificates.all.map(\.pem))
        #expect(validator.trustAnchors.count == 4)
        #expect(throws: MyNumberCardError.self) { try CertificateChainValidator(pemEncodedTrustAnchors: ["not pem"]) }
    }
}
