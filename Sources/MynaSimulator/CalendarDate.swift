import Foundation

/// A calendar date without a time, as the card writes dates (`YYYYMMDD`, Gregorian).
///
/// Encoded in JSON as `"YYYY-MM-DD"`.
public struct CalendarDate: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// The Gregorian year.
    public let year: Int
    /// The month, 1…12.
    public let month: Int
    /// The day of the month, 1…31 (checked against the month and leap years).
    public let day: Int

    /// Creates a date, validating it.
    ///
    /// - Throws: ``SimulatorError/Code/invalidPersona`` when the date does not exist or the year is
    ///   outside 1868…9999.
    public init(year: Int, month: Int, day: Int) throws(SimulatorError) {
        guard (1868...9999).contains(year), (1...12).contains(month),
            (1...Self.daysIn(month: month, year: year)).contains(day)
        else {
            throw SimulatorError(.invalidPersona, "\(year)-\(month)-\(day) is not a date between 1868 and 9999")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Creates a date from a constant known to be valid (for built-in personas).
    init(constant year: Int, _ month: Int, _ day: Int) {
        precondition((1...12).contains(month) && (1...Self.daysIn(month: month, year: year)).contains(day))
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` or `YYYYMMDD`.
    ///
    /// - Throws: ``SimulatorError/Code/invalidPersona`` when the text is not such a date.
    public init(parsing text: String) throws(SimulatorError) {
        let digits = text.filter { $0 != "-" }
        guard digits.count == 8, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            text.count == 8 || text.count == 10,
            let year = Int(digits.prefix(4)), let month = Int(digits.dropFirst(4).prefix(2)),
            let day = Int(digits.suffix(2))
        else {
            throw SimulatorError(.invalidPersona, "expected a date as YYYY-MM-DD, got \(text.count) characters")
        }
        try self.init(year: year, month: month, day: day)
    }

    /// The date `date` falls on in Japan (UTC+9).
    public init(_ date: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.japan
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self.year = parts.year ?? 1970
        self.month = parts.month ?? 1
        self.day = parts.day ?? 1
    }

    /// Japan Standard Time, in which the card's dates are meant.
    static let japan = TimeZone(secondsFromGMT: 9 * 3600) ?? .gmt

    /// The number of days in `month` of `year`.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYYYMMDD`, as the card stores dates.
    public var compact: String {
        String(format: "%04d%02d%02d", year, month, day)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// The same month and day `years` later; 29 February becomes 28 February in a common year.
    public func addingYears(_ years: Int) -> CalendarDate {
        let target = year + years
        return CalendarDate(
            constant: target, month, min(day, Self.daysIn(month: month, year: target)))
    }

    /// The date `days` days later (or earlier, when negative).
    public func addingDays(_ days: Int) -> CalendarDate {
        CalendarDate(instant(hour: 12).addingTimeInterval(Double(days) * 86_400))
    }

    /// This date at the given time of day in Japan.
    public func instant(hour: Int = 0, minute: Int = 0, second: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.japan
        let parts = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        return calendar.date(from: parts) ?? Date(timeIntervalSince1970: 0)
    }

    /// The first birthday (this month and day) strictly after `date`, `count − 1` years further on:
    /// `count` = 5 gives "the 5th birthday after `date`".
    public func birthday(_ count: Int, after date: CalendarDate) -> CalendarDate {
        var first = addingYears(date.year - year)
        if first <= date { first = addingYears(date.year - year + 1) }
        return first.addingYears(count - 1)
    }

    /// Chronological order.
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Decodes `"YYYY-MM-DD"`.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try CalendarDate(parsing: text)
    }

    /// Encodes `"YYYY-MM-DD"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
