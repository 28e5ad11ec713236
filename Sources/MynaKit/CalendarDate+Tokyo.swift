import Foundation
import MynaCard

extension CalendarDate {
    /// The Gregorian calendar in the Asia/Tokyo time zone (UTC+9, no daylight saving time): the calendar every
    /// date on the card and every validity rule in this module is stated in.
    package static let tokyoCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Tokyo") ?? TimeZone(secondsFromGMT: 9 * 3600) ?? calendar.timeZone
        return calendar
    }()

    /// The first and last days representable (``CalendarDate`` covers years 1…9999).
    static let earliest = CalendarDate(constant: 1, 1, 1)
    static let latest = CalendarDate(constant: 9999, 12, 31)

    /// The day an instant falls on in Tokyo (clamped to years 1…9999).
    package init(dayOf date: Date, in calendar: Calendar = CalendarDate.tokyoCalendar) {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self = Self.clamped(year: parts.year ?? 1, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    /// Whether this day is over at `now`: the Tokyo day of `now` is later. A card whose last valid day
    /// (`CardIdentity.cardExpiry`) has ended has expired; it is valid all through that day.
    public func hasEnded(at now: Date) -> Bool {
        CalendarDate(dayOf: now) > self
    }

    /// The first instant of this day (00:00:00 in Tokyo).
    package func startInstant(in calendar: Calendar = CalendarDate.tokyoCalendar) -> Date {
        calendar.date(from: DateComponents(year: year, month: month, day: day)) ?? Date(timeIntervalSince1970: 0)
    }

    /// This day moved by whole calendar months, keeping the day of the month and clamping it to the last
    /// day of a shorter month: 2030-05-31 + 3 months = 2030-08-31; 2030-11-30 + 3 months = 2031-02-28;
    /// 2030-05-31 − 3 months = 2030-02-28. Clamped to years 1…9999.
    package func adding(months: Int) -> CalendarDate {
        let (index, overflow) = (year * 12 + (month - 1)).addingReportingOverflow(months)
        if overflow { return months > 0 ? Self.latest : Self.earliest }
        let newYear = index >= 0 ? index / 12 : (index - 11) / 12
        let newMonth = index - newYear * 12 + 1
        guard newYear >= 1 else { return Self.earliest }
        guard newYear <= 9999 else { return Self.latest }
        return CalendarDate(constant: newYear, newMonth, Swift.min(day, Self.daysInMonth(newMonth, of: newYear)))
    }

    /// This day moved by whole years, with 29 February becoming 28 February in a common year.
    package func adding(years: Int) -> CalendarDate {
        let (months, overflow) = years.multipliedReportingOverflow(by: 12)
        if overflow { return years > 0 ? Self.latest : Self.earliest }
        return adding(months: months)
    }

    /// This day moved by `days` days.
    package func adding(days: Int) -> CalendarDate {
        let calendar = Self.tokyoCalendar
        guard let date = calendar.date(byAdding: .day, value: days, to: startInstant(in: calendar)) else { return self }
        return CalendarDate(dayOf: date, in: calendar)
    }

    /// Whole days from this day to `other` (negative when `other` is earlier).
    package func days(to other: CalendarDate) -> Int {
        let calendar = Self.tokyoCalendar
        return calendar.dateComponents([.day], from: startInstant(in: calendar), to: other.startInstant(in: calendar)).day ?? 0
    }

    private static func clamped(year: Int, month: Int, day: Int) -> CalendarDate {
        guard year >= 1 else { return earliest }
        guard year <= 9999 else { return latest }
        let month = Swift.max(1, Swift.min(12, month))
        return CalendarDate(constant: year, month, Swift.max(1, Swift.min(day, daysInMonth(month, of: year))))
    }
}
