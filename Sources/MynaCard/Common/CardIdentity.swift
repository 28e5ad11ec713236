/// What the common card applet says about the card (record 1 of EF `0001`): card serial, issuing
/// municipality, card expiry.
///
/// The values identify the card and, through the expiry, hint at the holder's birthday: ``description`` is
/// redacted.
public struct CardIdentity: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The 15-digit card serial (also the CN of the JPKI certificates' subject).
    public let cardSerial: String
    /// The 5-digit local government code (全国地方公共団体コード) of the issuing municipality.
    public let municipalityCode: String
    /// The card's expiry date.
    public let cardExpiry: CalendarDate

    /// The record's SIMPLE-TLV tag.
    static let recordTag: UInt8 = 0x01

    /// Parses the record: `01 1C` ‖ 15 digits serial ‖ 5 digits municipality code ‖ `YYYYMMDD` expiry.
    init(record: [UInt8]) throws(MyNumberCardError) {
        let what = "the common applet's card record"
        guard record.count >= 2, record[0] == Self.recordTag else {
            throw MyNumberCardError.malformed("\(what) does not start with tag 01")
        }
        let length = Int(record[1])
        guard length == 28, record.count == 2 + length else {
            throw MyNumberCardError.malformed("\(what) is not 28 bytes of value")
        }
        let value = record[2...]
        guard value.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw MyNumberCardError.malformed("\(what) holds something other than ASCII digits")
        }
        let start = value.startIndex
        cardSerial = String(decoding: value[start..<(start + 15)], as: UTF8.self)
        municipalityCode = String(decoding: value[(start + 15)..<(start + 20)], as: UTF8.self)
        cardExpiry = try CalendarDate(yyyymmdd: value[(start + 20)..<(start + 28)])
    }

    /// Always `CardIdentity(<redacted>)`.
    public var description: String { "CardIdentity(<redacted>)" }
    /// Always `CardIdentity(<redacted>)`.
    public var debugDescription: String { description }
    /// No children: `dump` shows nothing.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
