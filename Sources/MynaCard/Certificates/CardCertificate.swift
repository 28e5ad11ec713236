import Crypto
import CryptoExtras
import Foundation
import SwiftASN1
import X509

/// An X.509 certificate read from the JPKI applet, parsed with swift-certificates.
///
/// The user-authentication certificate carries no personal data; the signature certificate carries name,
/// sex, birth date and address in its subjectAltName, so ``description`` shows only the issuer and the
/// validity.
public struct CardCertificate: Hashable, Sendable, CustomStringConvertible, CustomReflectable {
    /// The parsed certificate.
    public let certificate: Certificate
    /// The DER encoding exactly as read.
    public let derEncoded: [UInt8]
    /// The KeyUsage extension, if present.
    public let keyUsage: KeyUsage?
    /// The BasicConstraints extension, if present.
    public let basicConstraints: BasicConstraints?
    /// The RSA public key (JPKI keys are RSA).
    package let rsaPublicKey: CardRSAPublicKey

    /// Parses a DER certificate.
    ///
    /// - Throws: ``MyNumberCardError/Code/certificateInvalid`` when it is not a well-formed X.509 certificate
    ///   with an RSA key and decodable KeyUsage / BasicConstraints.
    public init(derEncoded bytes: [UInt8]) throws(MyNumberCardError) {
        do {
            certificate = try Certificate(derEncoded: bytes)
        } catch {
            throw MyNumberCardError(.certificateInvalid, "not a well-formed X.509 certificate")
        }
        do {
            keyUsage = try certificate.extensions.keyUsage
            basicConstraints = try certificate.extensions.basicConstraints
        } catch {
            throw MyNumberCardError(.certificateInvalid, "the certificate's KeyUsage or BasicConstraints cannot be decoded")
        }
        guard let key = _RSA.Signing.PublicKey(certificate.publicKey) else {
            throw MyNumberCardError(.certificateInvalid, "the certificate's key is not RSA")
        }
        do {
            rsaPublicKey = try CardRSAPublicKey(key)
        } catch {
            throw MyNumberCardError(.certificateInvalid, "the certificate's RSA key is not usable: \(error.reason)")
        }
        derEncoded = bytes
    }

    /// Parses a PEM certificate (`-----BEGIN CERTIFICATE-----`).
    public init(pemEncoded text: String) throws(MyNumberCardError) {
        let document: PEMDocument
        do {
            document = try PEMDocument(pemString: text)
        } catch {
            throw MyNumberCardError(.certificateInvalid, "not a PEM document")
        }
        guard document.discriminator == "CERTIFICATE" else {
            throw MyNumberCardError(.certificateInvalid, "the PEM document is not a CERTIFICATE")
        }
        try self.init(derEncoded: document.derBytes)
    }

    /// The serial number.
    public var serialNumber: Certificate.SerialNumber { certificate.serialNumber }
    /// The subject.
    public var subject: DistinguishedName { certificate.subject }
    /// The issuer.
    public var issuer: DistinguishedName { certificate.issuer }
    /// The start of the validity period.
    public var notValidBefore: Date { certificate.notValidBefore }
    /// The end of the validity period.
    public var notValidAfter: Date { certificate.notValidAfter }
    /// The public key.
    public var publicKey: Certificate.PublicKey { certificate.publicKey }

    /// Whether the certificate is valid at `time` (inclusive bounds).
    public func isValid(at time: Date) -> Bool {
        notValidBefore <= time && time <= notValidAfter
    }

    /// Whether the certificate names itself as issuer and its signature verifies with its own key (a root).
    package var isSelfSigned: Bool {
        certificate.subject == certificate.issuer && certificate.publicKey.isValidSignature(certificate.signature, for: certificate)
    }

    /// Whether `issuer`'s key verifies this certificate's signature.
    public func isSigned(by issuer: CardCertificate) -> Bool {
        issuer.certificate.publicKey.isValidSignature(certificate.signature, for: certificate)
    }

    /// Whether `signature` is this certificate key's RSASSA-PKCS1-v1_5 signature over `message` hashed with
    /// `algorithm`, verified by swift-crypto.
    public func isValidSignature(
        _ signature: some Collection<UInt8>, forMessage message: some Sequence<UInt8>, algorithm: DigestAlgorithm
    ) -> Bool {
        rsaPublicKey.isValidSignature(signature, forMessage: message, algorithm: algorithm)
    }

    /// Whether `signature` is this certificate key's RSASSA-PKCS1-v1_5 signature over a swift-crypto digest
    /// (`SHA256.Digest`, `SHA384.Digest` or `SHA512.Digest`), verified by swift-crypto.
    package func isValidSignature<D: Digest>(_ signature: some Collection<UInt8>, for digest: D) -> Bool {
        rsaPublicKey.isValidSignature(signature, for: digest)
    }

    /// The issuer and the validity period (no subject: signature certificates carry personal data).
    public var description: String {
        "CardCertificate(issuer: \(issuer), notValidBefore: \(notValidBefore), notValidAfter: \(notValidAfter))"
    }

    /// Issuer and validity only: `dump` never shows the subject or subjectAltName.
    public var customMirror: Mirror {
        Mirror(
            self, children: ["issuer": "\(issuer)", "notValidBefore": notValidBefore, "notValidAfter": notValidAfter],
            displayStyle: .struct)
    }
}
