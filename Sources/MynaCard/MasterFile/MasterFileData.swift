/// What the card says about itself at the master-file level (GET DATA with no applet current): its card
/// identification number, issuing municipality and expiry. Each is `nil` when the card does not answer
/// that object (`6A88` or `6A82`).
///
/// The values identify the card and, through the expiry, hint at the holder's birthday: ``description`` is
/// redacted.
public struct MasterFileData: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The card identification number (`0045`), printable ASCII as stored.
    public let cardIdentificationNumber: String?
    /// The 5-digit local government code of the issuing municipality (`00F0`).
    public let municipalityCode: String?
    /// The card's expiry (`00F2`).
    public let cardExpiry: CalendarDate?

    /// Creates the value from parts.
    package init(cardIdentificationNumber: String?, municipalityCode: String?, cardExpiry: CalendarDate?) {
        self.cardIdentificationNumber = cardIdentificationNumber
        self.municipalityCode = municipalityCode
        self.cardExpiry = cardExpiry
    }

    /// Whether the card answered none of the three objects.
    public var isEmpty: Bool { cardIdentificationNumber == nil && municipalityCode == nil && cardExpiry == nil }

    /// Decodes the value of ``MasterFileDataObject/cardIdentificationNumber``: 1–64 bytes of printable ASCII.
    package static func decodeCardIdentificationNumber(_ value: [UInt8]) throws(MyNumberCardError) -> String {
        guard (1...64).contains(value.count), value.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw MyNumberCardError.malformed("the card identification number (GET DATA 0045) is not printable ASCII")
        }
        return String(decoding: value, as: UTF8.self)
    }

    /// Decodes the value of ``MasterFileDataObject/municipalityCode``: 5 ASCII digits.
    package static func decodeMunicipalityCode(_ value: [UInt8]) throws(MyNumberCardError) -> String {
        guard value.count == 5, value.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw MyNumberCardError.malformed("the municipality code (GET DATA 00F0) is not 5 ASCII digits")
        }
        return String(decoding: value, as: UTF8.self)
    }

    /// Decodes the value of ``MasterFileDataObject/cardExpiry``: `YYYYMMDD`.
    package static func decodeCardExpiry(_ value: [UInt8]) throws(MyNumberCardError) -> CalendarDate {
        guard value.count == 8 else {
            throw MyNumberCardError.malformed("the card expiry (GET DATA 00F2) is not 8 ASCII digits")
        }
        return try CalendarDate(yyyymmdd: value)
    }

    /// The encoded values of the three objects, as a card stores them (for the simulated card and tests).
    package static func encode(
        cardIdentificationNumber: String, municipalityCode: String, cardExpiry: CalendarDate
    ) -> [MasterFileDataObject: [UInt8]] {
        [
            .cardIdentificationNumber: Array(cardIdentificationNumber.utf8),
            .municipalityCode: Array(municipalityCode.utf8),
            .cardExpiry: Array(cardExpiry.compactDigits.utf8),
        ]
    }

    /// Always `MasterFileData(<redacted>)`.
    public var description: String { "MasterFileData(<redacted>)" }
    /// Always `MasterFileData(<redacted>)`.
    public var debugDescription: String { description }
    /// No children: `dump` shows nothing.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
