import MynaISO7816

/// The values printed on the card front from which PIN-B is derived: the birth date, the card expiry year
/// and the 4-digit security code printed under the photo. Face-authentication readers OCR them from the card.
///
/// PIN-B = birth date as Japanese-era `YYMMDD` ‖ card expiry year `YYYY` ‖ security code = 14 digits
/// (born 1980-02-17 = Shōwa 55, expiry 2035, code 2285 → `55021720352285`).
///
/// The security code is kept in ``MynaISO7816/SecretBytes`` and never printed.
public struct CardFaceValues: Sendable, CustomStringConvertible {
    /// The holder's birth date (Gregorian).
    public let birthDate: CalendarDay
    /// The card's expiry year (Gregorian), as printed.
    public let cardExpiryYear: Int
    private let securityCode: SecretBytes

    /// Checks and keeps the values.
    ///
    /// - Throws: ``MynaKitError/Code/invalidInput`` when the birth date is before the Taishō era, the year
    ///   is not four digits, or the security code is not 4 ASCII digits (the message never contains it).
    public init(birthDate: CalendarDay, cardExpiryYear: Int, securityCode: String) throws(MynaKitError) {
        guard JapaneseEra.yymmdd(birthDate) != nil else {
            throw MynaKitError(.invalidInput, "the birth date must be in the Taishō era or later")
        }
        guard (1000...9999).contains(cardExpiryYear) else {
            throw MynaKitError(.invalidInput, "the card expiry year must have four digits")
        }
        var code = Array(securityCode.utf8)
        defer { for i in code.indices { code[i] = 0 } }
        guard code.count == 4, code.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw MynaKitError(.invalidInput, "the security code must be 4 digits (0–9)")
        }
        self.birthDate = birthDate
        self.cardExpiryYear = cardExpiryYear
        self.securityCode = SecretBytes(code)
    }

    /// PIN-B for `credential` (``Credential/cardFacePINB`` opens the face photo, ``Credential/cardInfoPINB``
    /// the 4 basic attributes).
    public func pinB(for credential: Credential = .cardFacePINB) throws(MynaKitError) -> PIN {
        guard let era = JapaneseEra.yymmdd(birthDate) else {
            throw MynaKitError(.invalidInput, "the birth date must be in the Taishō era or later")
        }
        var digits = era + String(cardExpiryYear).utf8
        securityCode.withUnsafeBytes { digits.append(contentsOf: $0) }
        return try PIN(consuming: &digits, for: credential)
    }

    /// Always redacted: the values are personal data.
    public var description: String { "CardFaceValues(<redacted>)" }
}
