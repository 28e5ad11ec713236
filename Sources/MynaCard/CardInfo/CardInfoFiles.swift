import MynaCodec

/// Parsing of the card info input support applet's files: EF `0001` (individual number) and EF `0002`
/// (basic attributes).
package enum CardInfoFiles {
    /// `FF 10 0C`: the header of EF `0001`.
    static let individualNumberHeader: [UInt8] = [0xFF, 0x10, 0x0C]

    /// EF `0001`: `FF 10 0C` + 12 ASCII digits, then only `FF` filler (`FF FF` on real cards).
    static func individualNumber(_ file: [UInt8]) throws(MyNumberCardError) -> IndividualNumber {
        let what = "the individual-number file (EF 0001)"
        guard file.count >= 15, file.starts(with: individualNumberHeader) else {
            throw MyNumberCardError.malformed("\(what) does not start with FF 10 0C and 12 digits")
        }
        guard file[15...].allSatisfy({ $0 == 0xFF }) else {
            throw MyNumberCardError.malformed("\(what) has data where filler must be")
        }
        let digits = file[3..<15]
        guard digits.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw MyNumberCardError.malformed("\(what) does not hold 12 ASCII digits")
        }
        return try IndividualNumber(ascii: digits)
    }

    package static let attributesTag = BERTag(0xFF20)
    package static let offsetTableTag = BERTag(0xDF21)
    package static let nameTag = BERTag(0xDF22)
    package static let addressTag = BERTag(0xDF23)
    package static let birthDateTag = BERTag(0xDF24)
    package static let sexTag = BERTag(0xDF25)

    /// EF `0002` (the data object, without filler), checked against `DF32` of the integrity record before any
    /// value is decoded.
    static func basicAttributes(_ bytes: [UInt8], integrity: IntegrityRecord) throws(MyNumberCardError) -> BasicAttributes {
        let what = "the basic attributes file (EF 0002)"
        let node = try CardRecord.parse(bytes, tag: attributesTag, what: what)
        guard node.children.first?.tag == offsetTableTag else {
            throw MyNumberCardError.malformed("\(what) does not start with its offset table DF21")
        }
        let table = try CardRecord.child(node, offsetTableTag, what: what)
        try CardRecord.checkOffsetTable(
            table, of: node, fileStart: bytes.startIndex, tags: [nameTag, addressTag, birthDateTag, sexTag], what: what)
        let nameNode = try CardRecord.child(node, nameTag, what: what)
        // DF32 covers the outer value from the first byte of DF22 to the end of the data object.
        try integrity.check(basicAttributesSignedPart: bytes[nameNode.encoded.startIndex..<node.value.endIndex])

        let name = try CardRecord.text(nameNode, what: "the name")
        guard !name.isEmpty else { throw MyNumberCardError.malformed("the name in \(what) is empty") }
        let address = try CardRecord.text(try CardRecord.child(node, addressTag, what: what), what: "the address")
        let birthDate = try CalendarDate(yyyymmdd: try CardRecord.child(node, birthDateTag, what: what).value)
        let sex = try Sex(field: try CardRecord.child(node, sexTag, what: what).value)
        return BasicAttributes(name: PersonName(name), address: CardText(address), birthDate: birthDate, sex: sex)
    }
}
