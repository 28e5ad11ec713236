import Foundation

/// A day of the Gregorian calendar, without a time or a time zone: a birth date, a card expiry, the last
/// day of a grace period.
///
/// Converted to and from instants in the Asia/Tokyo calendar (``japan``), the calendar every date on the
/// card and every rule in this module is stated in. Encoded in JSON as `"YYYY-MM-DD"`.
public struct CalendarDay: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The year (e.g. 2030).
    public let year: Int
    /// The month, 1…12.
    public let month: Int
    /// The day of the month, 1…28/29/30/31.
    public let day: Int

    /// Creates a day, checking that it exists.
    ///
    /// - Throws: ``MynaKitError/Code/invalidInput`` for a day that does not exist (2030-02-29) or a year
    ///   outside 1…9999.
    public init(year: Int, month: Int, day: Int) throws(MynaKitError) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CalendarDay.daysInMonth(year: year, month: month)).contains(day)
        else {
            throw MynaKitError(.invalidInput, "\(year)-\(month)-\(day) is not a day of the Gregorian calendar")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// A day already known to exist (used internally after clamping).
    init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYYMMDD` (the card's format) or `YYYY-MM-DD`.
    ///
    /// - Throws: ``MynaKitError/Code/invalidInput`` when the text is neither or names no real day.
    public init(parsing text: some StringProtocol) throws(MynaKitError) {
        let digits = text.utf8.filter { $0 != UInt8(ascii: "-") }
        let dashes = text.utf8.count - digits.count
        guard digits.count == 8, dashes == 0 || (dashes == 2 && text.utf8.count == 10),
            digits.allSatisfy({ (0x30...0x39).contains($0) })
        else {
            throw MynaKitError(.invalidInput, "a date must be YYYYMMDD or YYYY-MM-DD")
        }
        if dashes == 2 {
            let bytes = Array(text.utf8)
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else {
                throw MynaKitError(.invalidInput, "a date must be YYYYMMDD or YYYY-MM-DD")
            }
        }
        func number(_ range: Range<Int>) -> Int { digits[range].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        try self.init(year: number(0..<4), month: number(4..<6), day: number(6..<8))
    }

    /// The Tokyo calendar day of an instant.
    public init(_ date: Date, in calendar: Calendar = CalendarDay.japan) {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(unchecked: parts.year ?? 1, parts.month ?? 1, parts.day ?? 1)
    }

    /// The Gregorian calendar in the Asia/Tokyo time zone (UTC+9, no daylight saving time).
    public static let japan: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Tokyo") ?? TimeZone(secondsFromGMT: 9 * 3600) ?? calendar.timeZone
        return calendar
    }()

    /// The first instant of this day (00:00:00 in Tokyo).
    public func start(in calendar: Calendar = CalendarDay.japan) -> Date {
        let components = DateComponents(year: year, month: month, day: day)
        return calendar.date(from: components) ?? Date(timeIntervalSince1970: 0)
    }

    /// Days in a month of the Gregorian calendar.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Whether `year` is a Gregorian leap year.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// This day moved by whole calendar months, keeping the day of the month and clamping it to the last
    /// day of a shorter month: 2030-05-31 + 3 months = 2030-08-31; 2030-11-30 + 3 months = 2031-02-28;
    /// 2030-05-31 − 3 months = 2030-02-28.
    public func adding(months: Int) -> CalendarDay {
        let index = year * 12 + (month - 1) + months
        let newYear = index / 12
        let newMonth = index % 12 + 1
        return CalendarDay(unchecked: newYear, newMonth, min(day, CalendarDay.daysInMonth(year: newYear, month: newMonth)))
    }

    /// This day moved by whole years, with 29 February becoming 28 February in a common year.
    public func adding(years: Int) -> CalendarDay { adding(months: 12 * years) }

    /// This day moved by `days` days.
    public func adding(days: Int) -> CalendarDay {
        let calendar = CalendarDay.japan
        guard let date = calendar.date(byAdding: .day, value: days, to: start(in: calendar)) else { return self }
        return CalendarDay(date, in: calendar)
    }

    /// Days from this day to `other` (negative when `other` is earlier).
    public func days(to other: CalendarDay) -> Int {
        let calendar = CalendarDay.japan
        return calendar.dateComponents([.day], from: start(in: calendar), to: other.start(in: calendar)).day ?? 0
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Encodes `"YYYY-MM-DD"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Decodes `"YYYY-MM-DD"` (or `"YYYYMMDD"`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.reason)
        }
    }
}
