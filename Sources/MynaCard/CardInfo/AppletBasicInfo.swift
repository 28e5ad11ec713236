import MynaCodec

/// An applet's basic-info file: the text applet's EF `0005` (`FF40` {`DF41` …}) or the card face applet's
/// EF `0003` (`FF30` {`DF31` …, `DF34` municipality code, …}).
public struct AppletBasicInfo: Hashable, Sendable {
    /// The 4-byte applet information (`DF41` / `DF31`), e.g. `01 03 0E 01`: specification version,
    /// extended-length support, vendor, vendor byte.
    public let appletInformation: [UInt8]
    /// The municipality code (`DF34`, card face applet only), 5 ASCII digits.
    public let municipalityCode: String?
    /// Every data object of the file, for the fields this type does not interpret (opaque on real cards).
    package let dataObjects: [BERTag: [UInt8]]

    /// The specification version (first byte of ``appletInformation``).
    package var specificationVersion: UInt8 { appletInformation[0] }

    /// Whether the applet says it accepts extended-length APDUs (second byte of ``appletInformation``
    /// non-zero; `03` on real cards).
    package var supportsExtendedLength: Bool { appletInformation[1] != 0 }

    static let textTag = BERTag(0xFF40)
    static let textInformationTag = BERTag(0xDF41)
    static let faceTag = BERTag(0xFF30)
    static let faceInformationTag = BERTag(0xDF31)
    static let municipalityCodeTag = BERTag(0xDF34)

    /// Parses the file of one of the two applets.
    init(encoded bytes: [UInt8], recordTag: BERTag, informationTag: BERTag, hasMunicipalityCode: Bool, what: String)
        throws(MyNumberCardError)
    {
        let node = try CardRecord.parse(bytes, tag: recordTag, what: what)
        appletInformation = Array(try CardRecord.child(node, informationTag, length: 4, what: what).value)
        if hasMunicipalityCode {
            let code = try CardRecord.child(node, Self.municipalityCodeTag, what: what)
            municipalityCode = try CardRecord.digits(code, count: 5, what: "the municipality code")
        } else {
            municipalityCode = nil
        }
        var objects: [BERTag: [UInt8]] = [:]
        for child in node.children { objects[child.tag] = Array(child.value) }
        dataObjects = objects
    }
}
