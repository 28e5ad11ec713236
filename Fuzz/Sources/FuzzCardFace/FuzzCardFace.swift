import FuzzSupport
import MynaCodec
@testable import MynaCard

// The card face confirmation applet's card face (EF 0002, as a `.berTLV` read returns it): structure, offset
// table, the three signed groups, DF28 checked with the standard card's genuine issuer key.
//
// A mutated input passes DF28 only when the mutation is in what the signature does not cover (DF21, DF29,
// DF2A); so that the decoding after the check is fuzzed for every input, the same decoders run on the
// input's own objects afterwards (dates, sex, the card's RSA key).

let issuer = SimulatedFiles.cardVerifiableCertificate(.cardFaceConfirmation)

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutableRawPointer?, _ argv: UnsafeMutableRawPointer?) -> CInt {
    FuzzInput.writeSeedsIfAsked { SimulatedFiles.objects(.cardFaceConfirmation, CardFaceConfirmationFile.cardFace) }
    _ = issuer
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    if let face = try? CardFace(encoded: bytes, issuer: issuer) {
        FuzzInput.require(face.description == "CardFace(<redacted>)", "the card face is redacted")
    }
    // Past the DF28 check: the value decoders on this input's objects.
    guard let node = try? CardRecord.parse(bytes, tag: CardFace.recordTag, what: "fuzz") else { return 0 }
    _ = try? CardFace.signedPayload(of: node, what: "fuzz")
    for child in node.children {
        switch child.tag {
        case CardFace.birthDateTag, CardFace.cardExpiryTag:
            if let date = try? CalendarDate(yyyymmdd: child.value) { _ = try? JapaneseEraDate(date) }
        case CardFace.sexTag:
            _ = try? Sex(field: child.value)
        case CardFace.cardKeyTag:
            if let key = try? CardRSAPublicKey(cardEncoding: child.value) {
                FuzzInput.require(key.cardEncoding.count <= child.value.count, "a key's encoding is no longer than read")
                _ = key.description
            }
        default:
            break
        }
    }
    return 0
}

@_cdecl("FuzzCardFace_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzInput.runDriver(argc, argv, fuzz)
}
