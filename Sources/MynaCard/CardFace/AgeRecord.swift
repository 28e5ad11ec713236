import MynaCodec

/// The card face applet's age record (EF `0001`, birth-date key only): `FF10` { `DF11` birth date, `DF12`
/// card key, `DF13` signature by the issuer key over `TLV(DF11) ‖ TLV(DF12)` }.
///
/// Lets a verifier confirm an age (e.g. for age checks) from the birth date alone. Personal data:
/// ``description`` is redacted.
public struct AgeRecord: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The birth date (`DF11`).
    public let birthDate: CalendarDate
    /// The chip's own key (`DF12`).
    public let cardKey: VerifiedCardKey
    /// The applet's card-verifiable certificate, whose issuer key verified `DF13`.
    public let issuerCertificate: CardVerifiableCertificate

    static let recordTag = BERTag(0xFF10)
    static let birthDateTag = BERTag(0xDF11)
    static let cardKeyTag = BERTag(0xDF12)
    static let signatureTag = BERTag(0xDF13)

    init(encoded bytes: [UInt8], issuer: CardVerifiableCertificate) throws(MyNumberCardError) {
        let what = "the age record (EF 0001)"
        let node = try CardRecord.parse(bytes, tag: Self.recordTag, what: what)
        let date = try CardRecord.child(node, Self.birthDateTag, what: what)
        let key = try CardRecord.child(node, Self.cardKeyTag, what: what)
        _ = try CardRecord.child(node, Self.signatureTag, what: what)
        try CardRecord.verifySignature(of: node, signatureTag: Self.signatureTag, issuer: issuer, what: what)
        birthDate = try CalendarDate(yyyymmdd: date.value)
        cardKey = VerifiedCardKey(
            publicKey: try CardRSAPublicKey(cardEncoding: key.value), application: .cardFaceConfirmation,
            source: CardFaceConfirmationFile.ageRecord, issuer: issuer)
        issuerCertificate = issuer
    }

    /// Always `AgeRecord(<redacted>)`.
    public var description: String { "AgeRecord(<redacted>)" }
    /// Always `AgeRecord(<redacted>)`.
    public var debugDescription: String { description }
    /// No children: `dump` shows nothing personal.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
