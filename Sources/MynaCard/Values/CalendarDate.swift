/// A day of the Gregorian calendar — year, month, day — with no time and no time zone.
///
/// Birth dates and expiry dates on the card are calendar days, not instants: a `Date` would shift them by
/// the device's time zone. Values are always valid days (1-01-01 … 9999-12-31).
public struct CalendarDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The year (1…9999).
    public let year: Int
    /// The month (1…12).
    public let month: Int
    /// The day of the month (1…28/29/30/31).
    public let day: Int

    /// Creates a date, checking that the day exists.
    ///
    /// - Throws: ``MyNumberCardError/Code/invalidArgument`` for a day that does not exist.
    public init(year: Int, month: Int, day: Int) throws(MyNumberCardError) {
        guard Self.isValid(year: year, month: month, day: day) else {
            throw MyNumberCardError(.invalidArgument, "not a day of the Gregorian calendar")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Creates a date from a constant known to be valid (for `static let`s and tests).
    package init(constant year: Int, _ month: Int, _ day: Int) {
        precondition(Self.isValid(year: year, month: month, day: day), "not a day of the Gregorian calendar")
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses the eight ASCII digits `YYYYMMDD` the card stores.
    ///
    /// - Throws: ``MyNumberCardError/Code/malformedFile`` unless the bytes are eight digits naming a real day.
    public init(yyyymmdd bytes: some Collection<UInt8>) throws(MyNumberCardError) {
        guard bytes.count == 8, let digits = Self.digitValues(bytes) else {
            throw MyNumberCardError.malformed("a date is not 8 ASCII digits")
        }
        let year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3]
        let month = digits[4] * 10 + digits[5]
        let day = digits[6] * 10 + digits[7]
        guard Self.isValid(year: year, month: month, day: day) else {
            throw MyNumberCardError.malformed("a date names a day that does not exist")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// `YYYYMMDD`, as the card stores it.
    package var compactDigits: String {
        Self.pad(year, 4) + Self.pad(month, 2) + Self.pad(day, 2)
    }

    /// ISO 8601 `YYYY-MM-DD`.
    public var description: String {
        Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2)
    }

    /// Earlier days are smaller: compares year, then month, then day.
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Whether `year` is a Gregorian leap year.
    package static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in a month of a year.
    package static func daysInMonth(_ month: Int, of year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func isValid(year: Int, month: Int, day: Int) -> Bool {
        (1...9999).contains(year) && (1...12).contains(month) && day >= 1 && day <= daysInMonth(month, of: year)
    }

    static func digitValues(_ bytes: some Collection<UInt8>) -> [Int]? {
        var values: [Int] = []
        values.reserveCapacity(bytes.count)
        for byte in bytes {
            guard (0x30...0x39).contains(byte) else { return nil }
            values.append(Int(byte - 0x30))
        }
        return values
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

extension CalendarDate: Codable {
    /// Decodes `"YYYY-MM-DD"`, checking that the day exists.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D,
            let digits = Self.digitValues(bytes[0..<4] + bytes[5..<7] + bytes[8..<10])
        else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "a calendar date must be a real day written YYYY-MM-DD")
        }
        let year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3]
        let month = digits[4] * 10 + digits[5]
        let day = digits[6] * 10 + digits[7]
        guard Self.isValid(year: year, month: month, day: day) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "a calendar date must be a real day written YYYY-MM-DD")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Encodes `"YYYY-MM-DD"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
