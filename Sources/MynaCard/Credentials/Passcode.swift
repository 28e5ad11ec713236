import MynaISO7816

/// The value of a ``Credential`` — a PIN, password, PIN-A, PIN-B or birth-date key — checked against the
/// credential's format when it is made, so that a malformed value never reaches the card and never costs a
/// try.
///
/// The value is held in `SecretBytes` (never a `String`) and never printed: ``description`` names the
/// credential only. Make one right before use and let it go afterwards.
public struct Passcode: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The credential this is a value of.
    public let credential: Credential
    /// The value, upper-cased where the format allows letters.
    let secret: SecretBytes

    /// Checks a value against the credential's format.
    ///
    /// Lower-case letters are upper-cased for the signature password (as the official software does). For
    /// PIN-A the individual number's check digit is checked; for PIN-B and the birth-date key the era date's
    /// month and day are checked.
    ///
    /// - Throws: ``MyNumberCardError/Code/invalidCredentialFormat`` (the error never contains the value).
    public init(_ credential: Credential, _ value: SecretBytes) throws(MyNumberCardError) {
        // A credential that names a built-in reference is that credential, whatever format it was made with:
        // the built-in rules (format, check digit, era date) always apply to it.
        let credential = Credential.builtIn(matching: credential)
        var bytes = value.withUnsafeBytes { Array($0) }
        defer { for index in bytes.indices { bytes[index] = 0 } }
        let format = credential.format
        // Compared one bound at a time: a format whose minimum exceeds its maximum accepts nothing (a closed
        // range of them would trap).
        guard bytes.count >= format.minimumLength, bytes.count <= format.maximumLength else {
            throw Self.formatError(credential)
        }
        for index in bytes.indices {
            let byte = bytes[index]
            if (0x30...0x39).contains(byte) { continue }
            if format.allowsLetters, (0x61...0x7A).contains(byte) {
                bytes[index] = byte - 0x20
                continue
            }
            if format.allowsLetters, (0x41...0x5A).contains(byte) { continue }
            throw Self.formatError(credential)
        }
        if credential.isIndividualNumber {
            let digits = bytes.map { Int($0 - 0x30) }
            guard IndividualNumber.checkDigit(of: digits.prefix(11)) == digits.last else {
                throw MyNumberCardError(
                    .invalidCredentialFormat, "\(credential.name) is not a valid individual number (check digit)",
                    credential: credential)
            }
        }
        if credential.isPINB || credential == .birthDateKey {
            guard Self.isPlausibleEraDate(bytes.prefix(6)) else {
                throw MyNumberCardError(
                    .invalidCredentialFormat, "\(credential.name) does not start with an era date YYMMDD",
                    credential: credential)
            }
        }
        self.credential = credential
        self.secret = SecretBytes(bytes)
    }

    /// Checks a value typed as text against the credential's format. The text is not kept.
    public init(_ credential: Credential, _ value: String) throws(MyNumberCardError) {
        try self.init(credential, SecretBytes(utf8: value))
    }

    /// PIN-A: the individual number.
    ///
    /// - Parameter number: the individual number (its check digit was verified when it was made).
    /// - Parameter credential: ``Credential/cardInfoPINA`` or ``Credential/cardFacePINA``.
    public static func pinA(_ number: IndividualNumber, for credential: Credential = .cardInfoPINA) throws(MyNumberCardError)
        -> Passcode
    {
        guard credential.isIndividualNumber else {
            throw MyNumberCardError(.credentialNotAccepted, "\(credential.name) is not a PIN-A", credential: credential)
        }
        return try Passcode(credential, number.referenceData)
    }

    /// PIN-B (照合番号B) from what is printed on the card: the birth date as Japanese-era `YYMMDD`, the card's
    /// expiry year (Gregorian, 4 digits) and the 4-digit security code printed under the photo — 14 digits.
    /// Born 1980-02-17 (昭和55), expiry 2035, code 2285 → `55021720352285`.
    ///
    /// - Parameter birthDate: the birth date printed on the card.
    /// - Parameter cardExpiryYear: the Gregorian year of the card's expiry, printed on the card.
    /// - Parameter securityCode: the 4-digit security code printed under the photo.
    /// - Parameter credential: ``Credential/cardInfoPINB`` or ``Credential/cardFacePINB``.
    /// - Throws: ``MyNumberCardError/Code/invalidCredentialFormat`` for a birth date before Meiji, an expiry year
    ///   that is not 4 digits or a security code that is not 4 ASCII digits.
    public static func pinB(
        birthDate: CalendarDate, cardExpiryYear: Int, securityCode: String, for credential: Credential = .cardInfoPINB
    ) throws(MyNumberCardError) -> Passcode {
        try pinB(birthDate: birthDate, cardExpiryYear: cardExpiryYear, securityCode: SecretBytes(utf8: securityCode), for: credential)
    }

    /// PIN-B, with the security code held as a secret (read without echo, zeroed after use) rather than a
    /// `String`. Otherwise the same as the variant that takes the security code as a `String`.
    public static func pinB(
        birthDate: CalendarDate, cardExpiryYear: Int, securityCode: SecretBytes, for credential: Credential = .cardInfoPINB
    ) throws(MyNumberCardError) -> Passcode {
        guard credential.isPINB else {
            throw MyNumberCardError(.credentialNotAccepted, "\(credential.name) is not a PIN-B", credential: credential)
        }
        let eraDate: JapaneseEraDate
        do {
            eraDate = try JapaneseEraDate(birthDate)
        } catch {
            throw MyNumberCardError(
                .invalidCredentialFormat, "the birth date cannot be written as a Japanese-era date",
                credential: credential)
        }
        guard (1000...9999).contains(cardExpiryYear) else {
            throw MyNumberCardError(
                .invalidCredentialFormat, "the card expiry year must have 4 digits", credential: credential)
        }
        var code = securityCode.withUnsafeBytes { Array($0) }
        defer { for index in code.indices { code[index] = 0 } }
        guard code.count == 4, code.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw MyNumberCardError(
                .invalidCredentialFormat, "the security code must be 4 ASCII digits", credential: credential)
        }
        var bytes = Array((eraDate.compactDigits + CalendarDate.pad(cardExpiryYear, 4)).utf8) + code
        defer { for index in bytes.indices { bytes[index] = 0 } }
        return try Passcode(credential, SecretBytes(bytes))
    }

    /// The card face applet's birth-date key: the birth date as Japanese-era `YYMMDD`.
    public static func birthDateKey(birthDate: CalendarDate) throws(MyNumberCardError) -> Passcode {
        let eraDate: JapaneseEraDate
        do {
            eraDate = try JapaneseEraDate(birthDate)
        } catch {
            throw MyNumberCardError(
                .invalidCredentialFormat, "the birth date cannot be written as a Japanese-era date",
                credential: .birthDateKey)
        }
        return try Passcode(.birthDateKey, SecretBytes(utf8: eraDate.compactDigits))
    }

    /// `Passcode(<credential name>, <redacted>)`.
    public var description: String { "Passcode(\(credential.name), <redacted>)" }
    /// As ``description``.
    public var debugDescription: String { description }
    /// Only the credential: `dump` never shows the value.
    public var customMirror: Mirror { Mirror(self, children: ["credential": credential.name], displayStyle: .struct) }

    private static func formatError(_ credential: Credential) -> MyNumberCardError {
        MyNumberCardError(
            .invalidCredentialFormat, "\(credential.name) must be \(credential.format)", credential: credential)
    }

    /// Era year 01…99, month 01…12, day 01…31.
    private static func isPlausibleEraDate(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count == 6, let digits = CalendarDate.digitValues(bytes) else { return false }
        let year = digits[0] * 10 + digits[1]
        let month = digits[2] * 10 + digits[3]
        let day = digits[4] * 10 + digits[5]
        return year >= 1 && (1...12).contains(month) && (1...31).contains(day)
    }
}
