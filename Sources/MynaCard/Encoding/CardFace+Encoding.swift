import Crypto
import MynaCodec

extension CardFace {
    /// EF `0002` (no filler): `FF20` { `DF21` offsets; `DF22`…`DF2A` }, with `DF28` made by `sign`, which gets
    /// the DigestInfo payload (``/MynaCard/DigestAlgorithm/cardFaceDigestInfoPrefix`` ‖ three SHA-256 hashes) to
    /// sign as given with PKCS#1 v1.5.
    package static func encode<E: Error>(
        birthDate: CalendarDate, sex: String, cardKey: [UInt8], nameImage: [UInt8], addressImage: [UInt8],
        facePhoto: [UInt8], cardExpiry: CalendarDate, securityCodeImage: [UInt8],
        sign: ([UInt8]) throws(E) -> [UInt8]
    ) throws(E) -> [UInt8] {
        let birth = CardRecord.encode(birthDateTag, Array(birthDate.compactDigits.utf8))
        let sexObject = CardRecord.encode(sexTag, Array(sex.utf8))
        let key = CardRecord.encode(cardKeyTag, cardKey)
        let name = CardRecord.encode(nameImageTag, nameImage)
        let address = CardRecord.encode(addressImageTag, addressImage)
        let photo = CardRecord.encode(facePhotoTag, facePhoto)
        let payload = DigestAlgorithm.cardFaceDigestInfoPrefix + Array(SHA256.hash(data: birth + sexObject + key))
            + Array(SHA256.hash(data: name + address)) + Array(SHA256.hash(data: photo))
        let objects = [
            birth, sexObject, key, name, address, photo,
            CardRecord.encode(signatureTag, try sign(payload)),
            CardRecord.encode(cardExpiryTag, Array(cardExpiry.compactDigits.utf8)),
            CardRecord.encode(securityCodeImageTag, securityCodeImage),
        ]
        return CardRecord.encodeWithOffsetTable(recordTag, tableTag: offsetTableTag, objects: objects)
    }
}

extension AgeRecord {
    /// EF `0001`: `FF10` { `DF11` birth date; `DF12` card key; `DF13` signature over both }.
    package static func encode<E: Error>(
        birthDate: CalendarDate, cardKey: [UInt8], sign: ([UInt8]) throws(E) -> [UInt8]
    ) throws(E) -> [UInt8] {
        try CardRecord.encodeSigned(
            recordTag,
            objects: [
                CardRecord.encode(birthDateTag, Array(birthDate.compactDigits.utf8)),
                CardRecord.encode(cardKeyTag, cardKey),
            ],
            signatureTag: signatureTag, sign: sign)
    }
}

extension IndividualNumberImage {
    /// EF `0005`: `FF40` { `DF41` PNG; `DF42` card key; `DF43` signature over both }.
    package static func encode<E: Error>(
        image: [UInt8], cardKey: [UInt8], sign: ([UInt8]) throws(E) -> [UInt8]
    ) throws(E) -> [UInt8] {
        try CardRecord.encodeSigned(
            recordTag, objects: [CardRecord.encode(imageTag, image), CardRecord.encode(cardKeyTag, cardKey)],
            signatureTag: signatureTag, sign: sign)
    }
}

extension VerifiedCardKey {
    /// The text applet's EF `0007`: `FF50` { `DF51` challenge key `90`/`91`; `DF52` signature over it }.
    package static func encodeSignedCardKey<E: Error>(
        _ cardKey: [UInt8], sign: ([UInt8]) throws(E) -> [UInt8]
    ) throws(E) -> [UInt8] {
        try CardRecord.encodeSigned(
            signedKeyRecordTag, objects: [CardRecord.encode(signedKeyTag, cardKey)], signatureTag: signedKeySignatureTag,
            sign: sign)
    }
}

extension CardVerifiableCertificate {
    /// `7F21` { `5F4E` issuer key id ‖ subject key id ‖ key `90`/`91`; `5F37` signature over the body's value }.
    package static func encode<E: Error>(
        issuerKeyIdentifier: [UInt8], subjectKeyIdentifier: [UInt8], publicKey: [UInt8],
        sign: ([UInt8]) throws(E) -> [UInt8]
    ) throws(E) -> [UInt8] {
        let body = issuerKeyIdentifier + subjectKeyIdentifier + publicKey
        return CardRecord.encode(
            certificateTag, children: [CardRecord.encode(bodyTag, body), CardRecord.encode(signatureTag, try sign(body))])
    }
}
