import MynaCodec

/// The card face (券面) as the card face confirmation applet stores it (EF `0002`), its signature (`DF28`)
/// checked with the applet's issuer key.
///
/// The images are the authoritative rendering of name and address (characters outside JIS X 0208
/// included). Personal data: ``description`` is redacted.
public struct CardFace: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The birth date (`DF22`).
    public let birthDate: CalendarDate
    /// Sex (`DF23`).
    public let sex: Sex
    /// The card's expiry date (`DF29`; not covered by the signature).
    public let cardExpiry: CalendarDate
    /// The name image (`DF25`): PNG, 1-bit greyscale.
    public let nameImage: [UInt8]
    /// The address image (`DF26`): PNG, 1-bit greyscale.
    public let addressImage: [UInt8]
    /// The face photo (`DF27`): JPEG 2000 in a JP2 container, greyscale, exactly as stored.
    public let facePhoto: [UInt8]
    /// The security-code image (`DF2A`): PNG, 24×12 (not covered by the signature).
    public let securityCodeImage: [UInt8]
    /// The chip's own key (`DF24`), for ``MyNumberCard/proveCardPresence(with:)``.
    public let cardKey: VerifiedCardKey
    /// The applet's card-verifiable certificate, whose issuer key verified `DF28`.
    public let issuerCertificate: CardVerifiableCertificate

    /// Always `CardFace(<redacted>)`.
    public var description: String { "CardFace(<redacted>)" }
    /// Always `CardFace(<redacted>)`.
    public var debugDescription: String { description }
    /// No children: `dump` shows nothing personal.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

extension CardFace {
    static let recordTag = BERTag(0xFF20)
    static let offsetTableTag = BERTag(0xDF21)
    static let birthDateTag = BERTag(0xDF22)
    static let sexTag = BERTag(0xDF23)
    static let cardKeyTag = BERTag(0xDF24)
    static let nameImageTag = BERTag(0xDF25)
    static let addressImageTag = BERTag(0xDF26)
    static let facePhotoTag = BERTag(0xDF27)
    static let signatureTag = BERTag(0xDF28)
    static let cardExpiryTag = BERTag(0xDF29)
    static let securityCodeImageTag = BERTag(0xDF2A)

    /// The objects the offset table points at, in order.
    static let tableTags: [BERTag] = [
        birthDateTag, sexTag, cardKeyTag, nameImageTag, addressImageTag, facePhotoTag, signatureTag, cardExpiryTag,
        securityCodeImageTag,
    ]

    /// The payload `DF28` signs: the card-face DigestInfo prefix ‖ SHA-256(g1) ‖ SHA-256(g2) ‖ SHA-256(g3), with
    /// g1 = TLV(DF22) ‖ TLV(DF23) ‖ TLV(DF24), g2 = TLV(DF25) ‖ TLV(DF26), g3 = TLV(DF27), each complete as stored.
    static func signedPayload(of node: TLVNode, what: String) throws(MyNumberCardError) -> [UInt8] {
        func group(_ tags: [BERTag]) throws(MyNumberCardError) -> [UInt8] {
            var bytes: [UInt8] = []
            for tag in tags { bytes.append(contentsOf: try CardRecord.child(node, tag, what: what).encoded) }
            return DigestAlgorithm.sha256.hash(bytes)
        }
        return DigestAlgorithm.cardFaceDigestInfoPrefix
            + (try group([birthDateTag, sexTag, cardKeyTag]))
            + (try group([nameImageTag, addressImageTag]))
            + (try group([facePhotoTag]))
    }

    /// Parses EF `0002` (the data object, no filler) and checks `DF28` with the issuer key.
    init(encoded bytes: [UInt8], issuer: CardVerifiableCertificate) throws(MyNumberCardError) {
        let what = "the card face (EF 0002)"
        let node = try CardRecord.parse(bytes, tag: Self.recordTag, what: what)
        guard node.children.first?.tag == Self.offsetTableTag else {
            throw MyNumberCardError.malformed("\(what) does not start with its offset table DF21")
        }
        let table = try CardRecord.child(node, Self.offsetTableTag, what: what)
        try CardRecord.checkOffsetTable(table, of: node, fileStart: bytes.startIndex, tags: Self.tableTags, what: what)

        let payload = try Self.signedPayload(of: node, what: what)
        let signature = try CardRecord.child(node, Self.signatureTag, what: what)
        guard issuer.publicKey.isValidSignature(signature.value, forPayload: payload) else {
            throw MyNumberCardError(
                .signatureInvalid, "the signature of \(what) (DF28) does not verify with the applet's issuer key")
        }

        birthDate = try CalendarDate(yyyymmdd: try CardRecord.child(node, Self.birthDateTag, what: what).value)
        sex = try Sex(field: try CardRecord.child(node, Self.sexTag, what: what).value)
        cardExpiry = try CalendarDate(yyyymmdd: try CardRecord.child(node, Self.cardExpiryTag, what: what).value)
        nameImage = Array(try CardRecord.child(node, Self.nameImageTag, what: what).value)
        addressImage = Array(try CardRecord.child(node, Self.addressImageTag, what: what).value)
        facePhoto = Array(try CardRecord.child(node, Self.facePhotoTag, what: what).value)
        securityCodeImage = Array(try CardRecord.child(node, Self.securityCodeImageTag, what: what).value)
        let key = try CardRSAPublicKey(cardEncoding: try CardRecord.child(node, Self.cardKeyTag, what: what).value)
        cardKey = VerifiedCardKey(
            publicKey: key, application: .cardFaceConfirmation, source: CardFaceConfirmationFile.cardFace, issuer: issuer)
        issuerCertificate = issuer
    }
}
