import Foundation
import X509

/// The JPKI user-authentication certificate (利用者証明用電子証明書) as the qualification check uses it:
/// its DER bytes, serial number and validity, and its public key for checking the card's signature.
///
/// Its subject carries no personal data (`C=JP, CN=<serial>`), so it may be sent to a back end.
public struct AuthenticationCertificate: Hashable, Sendable {
    /// The DER encoding exactly as read from the card (filler removed).
    public let der: [UInt8]
    /// The parsed certificate.
    public let certificate: Certificate

    /// Parses `der`.
    ///
    /// - Throws: ``MynaKitError/Code/certificateInvalid`` when it is not an X.509 certificate.
    public init(der: [UInt8]) throws(MynaKitError) {
        do {
            self.certificate = try Certificate(derEncoded: der)
        } catch {
            throw MynaKitError(.certificateInvalid, "the user-authentication certificate is not valid X.509 DER")
        }
        self.der = der
    }

    /// The serial number: the key of the face-failure store.
    public var serialNumber: CertificateSerialNumber { CertificateSerialNumber(certificate.serialNumber.bytes) }

    /// The validity period.
    public var validity: CertificateValidity {
        CertificateValidity(notBefore: certificate.notValidBefore, notAfter: certificate.notValidAfter)
    }

    /// Whether `signature` is an RSASSA-PKCS1-v1_5 SHA-256 signature of `message` by this certificate's key.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        certificate.publicKey.isValidSignature(signature, for: message, signatureAlgorithm: .sha256WithRSAEncryption)
    }

    public static func == (lhs: AuthenticationCertificate, rhs: AuthenticationCertificate) -> Bool { lhs.der == rhs.der }
    public func hash(into hasher: inout Hasher) { hasher.combine(der) }
}
