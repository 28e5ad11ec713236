import FuzzSupport
import MynaCodec
@testable import MynaCard

// The card info input support applet's files: the 4 basic attributes (EF 0002, as a `.berTLV` read returns
// it) and the individual number (EF 0001, as stored).
//
// The attributes are checked against DF32 of the standard card's genuine integrity record, which a mutated
// input almost never matches; so that the decoding after that check is fuzzed as well, the same decoders run
// on the input's own objects afterwards (name and address text, birth date, sex).

let integrity = SimulatedFiles.integrityRecord

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutableRawPointer?, _ argv: UnsafeMutableRawPointer?) -> CInt {
    FuzzInput.writeSeedsIfAsked {
        SimulatedFiles.objects(.cardInfoInputSupport, CardInfoInputSupportFile.basicAttributes)
            + SimulatedFiles.contents(.cardInfoInputSupport, CardInfoInputSupportFile.individualNumber)
    }
    _ = integrity
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    if let number = try? CardInfoFiles.individualNumber(bytes) {
        FuzzInput.require(number.digits.count == 12, "an individual number has 12 digits")
    }
    if let attributes = try? CardInfoFiles.basicAttributes(bytes, integrity: integrity) {
        _ = attributes.description
    }
    // Past the DF32 check: the value decoders on this input's objects.
    guard let node = try? CardRecord.parse(bytes, tag: CardInfoFiles.attributesTag, what: "fuzz") else { return 0 }
    for child in node.children {
        switch child.tag {
        case CardInfoFiles.nameTag:
            if let text = try? CardRecord.text(child, what: "fuzz") {
                let name = PersonName(text)
                _ = name.family.displayForm
                _ = name.given.gaiji
            }
        case CardInfoFiles.addressTag:
            if let text = try? CardRecord.text(child, what: "fuzz") {
                let address = CardText(text)
                _ = address.displayForm
                _ = address.normalized(.nfkc)
            }
        case CardInfoFiles.birthDateTag:
            if let date = try? CalendarDate(yyyymmdd: child.value) { _ = try? JapaneseEraDate(date) }
        case CardInfoFiles.sexTag:
            _ = try? Sex(field: child.value)
        default:
            break
        }
    }
    return 0
}

@_cdecl("FuzzBasicAttributes_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzInput.runDriver(argc, argv, fuzz)
}
