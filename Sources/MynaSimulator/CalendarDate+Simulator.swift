import Foundation
import MynaCard

// The simulator's dates are MynaCard's `CalendarDate`; what the simulator needs beyond it — instants in
// Japan, year and day arithmetic, birthdays — is here, internal. (MynaKit has public equivalents; the
// simulator sits below MynaKit and keeps its own so that its expiry rules stay independent.)
extension CalendarDate {
    /// The Gregorian calendar in Japan Standard Time (UTC+9, no daylight saving time), in which the card's
    /// dates are meant.
    static let japanCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 9 * 3600) ?? .gmt
        return calendar
    }()

    /// The day `date` falls on in Japan (clamped to the years 1…9999 a `CalendarDate` holds).
    init(japanDayOf date: Date) {
        let parts = Self.japanCalendar.dateComponents([.year, .month, .day], from: date)
        self = Self.clamped(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    /// A date from a persona or state file: `YYYY-MM-DD` (as written) or `YYYYMMDD`; `nil` unless it names a
    /// real day.
    init?(fileText text: String) {
        let bytes = Array(text.utf8)
        let digits: [UInt8]
        if bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") {
            digits = Array(bytes[0..<4] + bytes[5..<7] + bytes[8..<10])
        } else if bytes.count == 8 {
            digits = bytes
        } else {
            return nil
        }
        guard let date = try? CalendarDate(yyyymmdd: digits) else { return nil }
        self = date
    }

    /// This date at the given time of day in Japan.
    func instant(hour: Int = 0, minute: Int = 0, second: Int = 0) -> Date {
        let parts = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        return Self.japanCalendar.date(from: parts) ?? Date(timeIntervalSince1970: 0)
    }

    /// The same month and day `years` later (earlier when negative); 29 February becomes 28 February in a
    /// common year. Clamped to the years 1…9999.
    func addingYears(_ years: Int) -> CalendarDate {
        let (target, overflow) = year.addingReportingOverflow(years)
        return Self.clamped(year: overflow ? (years > 0 ? .max : .min) : target, month: month, day: day)
    }

    /// The date `days` days later (earlier when negative), clamped to the years 1…9999.
    func addingDays(_ days: Int) -> CalendarDate {
        guard let moved = Self.japanCalendar.date(byAdding: .day, value: days, to: instant(hour: 12)) else { return self }
        return CalendarDate(japanDayOf: moved)
    }

    /// The first birthday (this month and day) strictly after `date`, `count − 1` years further on:
    /// `count` = 5 gives "the 5th birthday after `date`".
    func birthday(_ count: Int, after date: CalendarDate) -> CalendarDate {
        var first = addingYears(date.year - year)
        if first <= date { first = addingYears(date.year - year + 1) }
        return first.addingYears(count - 1)
    }

    /// The nearest real day: years outside 1…9999 become the first or last day there is, months are kept in
    /// 1…12 and days in the month.
    static func clamped(year: Int, month: Int, day: Int) -> CalendarDate {
        guard year >= 1 else { return CalendarDate(constant: 1, 1, 1) }
        guard year <= 9999 else { return CalendarDate(constant: 9999, 12, 31) }
        let month = min(max(month, 1), 12)
        return CalendarDate(constant: year, month, min(max(day, 1), daysInMonth(month, of: year)))
    }
}
