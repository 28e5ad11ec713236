import Crypto
import MynaCodec

extension CardInfoFiles {
    /// Tag `FF10`: EF `0001`'s data object.
    package static let individualNumberTag = BERTag(0xFF10)
    /// Tag `A1`: EF `0006`, the key SET SESSION KEY encrypts to (`90` exponent, `91` modulus).
    package static let sessionKeyTag = BERTag(0xA1)

    /// The physical size of EF `0001`.
    package static let individualNumberFileSize = 17

    /// EF `0001`: `FF 10 0C` + 12 ASCII digits + `FF FF` — 17 bytes, all hashed by the integrity record.
    package static func encodeIndividualNumber(_ digits: String) -> [UInt8] {
        CardRecord.pad(
            CardRecord.encode(individualNumberTag, Array(digits.utf8)), to: individualNumberFileSize, filler: 0xFF)
    }

    /// EF `0002`'s data object (no filler) and the part the integrity record's `DF32` hashes (from `DF22` to
    /// the end).
    package static func encodeBasicAttributes(
        name: String, address: String, birthDate: CalendarDate, sex: String
    ) -> (file: [UInt8], signedPart: [UInt8]) {
        let objects = [
            CardRecord.encode(nameTag, Array(name.utf8)),
            CardRecord.encode(addressTag, Array(address.utf8)),
            CardRecord.encode(birthDateTag, Array(birthDate.compactDigits.utf8)),
            CardRecord.encode(sexTag, Array(sex.utf8)),
        ]
        return (
            CardRecord.encodeWithOffsetTable(attributesTag, tableTag: offsetTableTag, objects: objects),
            Array(objects.joined())
        )
    }
}

extension IntegrityRecord {
    /// EF `0003`: `FF30` { `DF31` SHA-256 of all of EF `0001`; `DF32` SHA-256 of the attributes' signed part;
    /// `DF33` signature over both }.
    package static func encode<E: Error>(
        individualNumberFile: [UInt8], basicAttributesSignedPart: [UInt8], sign: ([UInt8]) throws(E) -> [UInt8]
    ) throws(E) -> [UInt8] {
        try CardRecord.encodeSigned(
            recordTag,
            objects: [
                CardRecord.encode(individualNumberHashTag, Array(SHA256.hash(data: individualNumberFile))),
                CardRecord.encode(basicAttributesHashTag, Array(SHA256.hash(data: basicAttributesSignedPart))),
            ],
            signatureTag: signatureTag, sign: sign)
    }
}

extension AppletBasicInfo {
    /// Tag `DF42` (text `0005`): a key identifier (`x000034/001`, not the `0004` key).
    static let textKeyIdentifierTag = BERTag(0xDF42)
    /// Tag `DF43` (text `0005`): 32 bytes + 96 `FF`.
    static let textTrailingTag = BERTag(0xDF43)
    /// Tag `DF32` (surface `0003`): a key identifier (`x000024/001`).
    static let faceKeyIdentifierTag = BERTag(0xDF32)
    /// Tag `DF33` (surface `0003`): a version byte.
    static let faceVersionTag = BERTag(0xDF33)
    /// Tag `DF35` (surface `0003`): a 16-byte key identifier + 256 opaque bytes.
    static let faceOpaqueTag = BERTag(0xDF35)

    /// The text applet's EF `0005`: `FF40` { `DF41` applet information; `DF42` key id; `DF43` 32 bytes + 96
    /// `FF` }.
    package static func encodeCardInfo(information: [UInt8], keyIdentifier: [UInt8], trailing: [UInt8]) -> [UInt8] {
        CardRecord.encode(textTag, children: [
            CardRecord.encode(textInformationTag, information),
            CardRecord.encode(textKeyIdentifierTag, keyIdentifier),
            CardRecord.encode(textTrailingTag, trailing),
        ])
    }

    /// The card face applet's EF `0003`: `FF30` { `DF31` layout id; `DF32` key id; `DF33` version; `DF34`
    /// municipality code; `DF35` key id ‖ 256 opaque bytes }.
    package static func encodeCardFace(
        information: [UInt8], keyIdentifier: [UInt8], version: UInt8, municipalityCode: String, opaque: [UInt8]
    ) -> [UInt8] {
        CardRecord.encode(faceTag, children: [
            CardRecord.encode(faceInformationTag, information),
            CardRecord.encode(faceKeyIdentifierTag, keyIdentifier),
            CardRecord.encode(faceVersionTag, [version]),
            CardRecord.encode(municipalityCodeTag, Array(municipalityCode.utf8)),
            CardRecord.encode(faceOpaqueTag, opaque),
        ])
    }
}

extension CardIdentity {
    /// Record 1 of the common applet's EF `0001`: `01 1C` ‖ serial (15) ‖ municipality (5) ‖ expiry `YYYYMMDD`.
    package static func encodeRecord(cardSerial: String, municipalityCode: String, cardExpiry: CalendarDate) -> [UInt8] {
        let value = Array((cardSerial + municipalityCode + cardExpiry.compactDigits).utf8)
        return [recordTag, UInt8(truncatingIfNeeded: value.count)] + value
    }
}
