import Crypto
import MynaCodec

/// The integrity record of the card info input support applet (EF `0003`):
/// `FF30` { `DF31` SHA-256 of the individual-number file; `DF32` SHA-256 of the basic attributes; `DF33`
/// signature by the issuer key over `TLV(DF31) ‖ TLV(DF32)` }.
package struct IntegrityRecord: Hashable, Sendable {
    /// Tag `FF30`.
    package static let recordTag = BERTag(0xFF30)
    /// Tag `DF31`: SHA-256 of all bytes of EF `0001`, filler included.
    package static let individualNumberHashTag = BERTag(0xDF31)
    /// Tag `DF32`: SHA-256 of EF `0002`'s outer value from the first byte of `DF22` to the end of the data
    /// object (the `DF21` offset table skipped, no filler).
    package static let basicAttributesHashTag = BERTag(0xDF32)
    /// Tag `DF33`: the signature.
    package static let signatureTag = BERTag(0xDF33)

    /// The SHA-256 of EF `0001`.
    package let individualNumberHash: [UInt8]
    /// The SHA-256 of the basic attributes.
    package let basicAttributesHash: [UInt8]
    /// The issuer certificate whose key verified the record's signature.
    package let issuerCertificate: CardVerifiableCertificate

    /// Parses the record and checks its signature with the issuer key of `issuer`.
    ///
    /// - Throws: ``MyNumberCardError/Code/malformedFile``, ``MyNumberCardError/Code/signatureInvalid``.
    package init(encoded bytes: [UInt8], issuer: CardVerifiableCertificate) throws(MyNumberCardError) {
        let what = "the integrity record (EF 0003)"
        let node = try CardRecord.parse(bytes, tag: Self.recordTag, what: what)
        individualNumberHash = Array(try CardRecord.child(node, Self.individualNumberHashTag, length: 32, what: what).value)
        basicAttributesHash = Array(try CardRecord.child(node, Self.basicAttributesHashTag, length: 32, what: what).value)
        _ = try CardRecord.child(node, Self.signatureTag, what: what)
        try CardRecord.verifySignature(of: node, signatureTag: Self.signatureTag, issuer: issuer, what: what)
        issuerCertificate = issuer
    }

    /// Checks the individual-number file (all of its bytes, as read).
    func check(individualNumberFile file: [UInt8]) throws(MyNumberCardError) {
        guard Array(SHA256.hash(data: file)) == individualNumberHash else {
            throw MyNumberCardError(
                .integrityCheckFailed, "the individual-number file does not match the integrity record (DF31)")
        }
    }

    /// Checks the signed part of the basic-attributes file.
    func check(basicAttributesSignedPart part: ArraySlice<UInt8>) throws(MyNumberCardError) {
        guard Array(SHA256.hash(data: part)) == basicAttributesHash else {
            throw MyNumberCardError(
                .integrityCheckFailed, "the basic attributes do not match the integrity record (DF32)")
        }
    }
}
