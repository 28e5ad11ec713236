import MynaCodec

/// The card face applet's individual-number image (EF `0005`, PIN-A only): `FF40` { `DF41` PNG 72×12 of the
/// 12 digits, `DF42` card key, `DF43` signature by the issuer key over `TLV(DF41) ‖ TLV(DF42)` }.
///
/// Personal data: ``description`` is redacted.
public struct IndividualNumberImage: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The image (`DF41`): PNG.
    public let image: [UInt8]
    /// The chip's own key (`DF42`).
    public let cardKey: VerifiedCardKey
    /// The applet's card-verifiable certificate, whose issuer key verified `DF43`.
    public let issuerCertificate: CardVerifiableCertificate

    static let recordTag = BERTag(0xFF40)
    static let imageTag = BERTag(0xDF41)
    static let cardKeyTag = BERTag(0xDF42)
    static let signatureTag = BERTag(0xDF43)

    init(encoded bytes: [UInt8], issuer: CardVerifiableCertificate) throws(MyNumberCardError) {
        let what = "the individual-number image (EF 0005)"
        let node = try CardRecord.parse(bytes, tag: Self.recordTag, what: what)
        let image = try CardRecord.child(node, Self.imageTag, what: what)
        let key = try CardRecord.child(node, Self.cardKeyTag, what: what)
        _ = try CardRecord.child(node, Self.signatureTag, what: what)
        try CardRecord.verifySignature(of: node, signatureTag: Self.signatureTag, issuer: issuer, what: what)
        self.image = Array(image.value)
        cardKey = VerifiedCardKey(
            publicKey: try CardRSAPublicKey(cardEncoding: key.value), application: .cardFaceConfirmation,
            source: CardFaceConfirmationFile.individualNumberImage, issuer: issuer)
        issuerCertificate = issuer
    }

    /// Always `IndividualNumberImage(<redacted>)`.
    public var description: String { "IndividualNumberImage(<redacted>)" }
    /// Always `IndividualNumberImage(<redacted>)`.
    public var debugDescription: String { description }
    /// No children: `dump` shows nothing personal.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
