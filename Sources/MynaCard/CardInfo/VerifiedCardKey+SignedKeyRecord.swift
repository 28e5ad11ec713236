import MynaCodec

extension VerifiedCardKey {
    /// Tag `FF50`: the text applet's signed challenge key (EF `0007`).
    static let signedKeyRecordTag = BERTag(0xFF50)
    /// Tag `DF51`: the challenge key, `90` exponent ‖ `91` modulus.
    static let signedKeyTag = BERTag(0xDF51)
    /// Tag `DF52`: the issuer key's signature over `TLV(DF51)`.
    static let signedKeySignatureTag = BERTag(0xDF52)
}
