import Foundation
import MynaCard
import X509

/// What a verification found: who signed, with which key, when, up to which trust anchor — and which checks
/// were made. Revocation is not checked (no CRL or OCSP is fetched): ``revocationChecked`` is always false.
public struct SignatureVerification: Sendable {
    /// The signer's certificate.
    public let signerCertificate: CardCertificate
    /// Which JPKI key signed, from the certificate's KeyUsage: ``/MynaCard/JPKIKey/signature`` (nonRepudiation) or
    /// ``/MynaCard/JPKIKey/userAuthentication`` (digitalSignature only) — shown as such, since a user-authentication
    /// signature is not a signature in the legal sense (電子署名法).
    public let key: JPKIKey
    /// The hash algorithm.
    public let algorithm: DigestAlgorithm
    /// The signing time claimed in the signed attributes (or the PDF's /M), if any. It is the signer's own
    /// claim, not a timestamp.
    public let signingTime: Date?
    /// The moment the chain was validated at: the signing time, or the verification time without one.
    public let validationTime: Date
    /// The validated chain, signer first, trust anchor last.
    public let chain: [Certificate]
    /// The J-LIS root generation of the trust anchor, when it is a known production root.
    public let rootGeneration: JPKIRootGeneration?
    /// Whether ESS signing-certificate-v2 was present and matched (CAdES-BES).
    public let isCAdES: Bool
    /// The checks that were made, all of which passed.
    public let checks: [SignatureCheck]

    /// Always `false`: revocation (CRL, OCSP) is not checked.
    public var revocationChecked: Bool { false }

    /// Whether the user-authentication key made the signature.
    public var isUserAuthenticationSignature: Bool { key == .userAuthentication }
}
