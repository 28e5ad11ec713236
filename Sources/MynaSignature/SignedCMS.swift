import Foundation
import MynaCard

/// A CMS SignedData made with a JPKI key, verified before it was returned.
public struct SignedCMS: Sendable {
    /// The DER of the ContentInfo (`.p7s` / `application/pkcs7-signature`).
    public let derEncoded: [UInt8]
    /// Whether the content is left out (detached) rather than carried inside.
    public let isDetached: Bool
    /// The hash algorithm.
    public let algorithm: DigestAlgorithm
    /// Which key signed: the signature key (署名用) is what e-filing expects; a signature by the
    /// user-authentication key (利用者証明用) proves only that the card and its PIN were used.
    public let key: JPKIKey
    /// The signer's certificate (included in the CMS).
    public let signerCertificate: CardCertificate
    /// The card's CA certificate for the key (included in the CMS).
    public let caCertificate: CardCertificate
    /// The signing time in the signed attributes.
    public let signingTime: Date

    /// Whether the user-authentication key made it (labelled as such wherever it is shown).
    public var isUserAuthenticationSignature: Bool { key == .userAuthentication }

    /// The PEM form (`-----BEGIN CMS-----`, as `openssl cms -outform PEM` writes it).
    public var pemEncoded: String {
        let base64 = Data(derEncoded).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return "-----BEGIN CMS-----\n\(base64)\n-----END CMS-----\n"
    }
}
