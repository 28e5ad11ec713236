import Foundation
import Testing

import MynaCard

@testable import MynaKit

/// Instants in the Asia/Tokyo calendar, for readable tests.
func tokyo(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 12, _ minute: Int = 0, _ second: Int = 0) -> Date {
    CalendarDate.tokyoCalendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))
        ?? Date(timeIntervalSince1970: 0)
}

func day(_ year: Int, _ month: Int, _ day: Int) throws -> CalendarDate {
    try CalendarDate(year: year, month: month, day: day)
}

/// A certificate valid 2025-03-01 00:00:00 JST … `expiry` 23:59:59 JST, as JPKI issues them.
func validity(expiring year: Int, _ month: Int, _ day: Int) -> CertificateValidity {
    CertificateValidity(notBefore: tokyo(2025, 3, 1, 0, 0, 0), notAfter: tokyo(year, month, day, 23, 59, 59))
}

@Suite("Certificate validity in the Asia/Tokyo calendar")
struct ValidityTests {
    @Test("The calendar is Gregorian in Asia/Tokyo (UTC+9)")
    func calendar() {
        #expect(CalendarDate.tokyoCalendar.identifier == .gregorian)
        #expect(CalendarDate.tokyoCalendar.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: 0)) == 9 * 3600)
    }

    @Test("Day boundaries follow Tokyo, not UTC: 2030-05-31T15:00Z is 2030-06-01 in Tokyo")
    func tokyoDays() throws {
        let utcEvening = Date(timeIntervalSince1970: 1_906_470_000)  // 2030-05-31T15:00:00Z
        #expect(CalendarDate(dayOf: utcEvening) == (try day(2030, 6, 1)))
        #expect(CalendarDate(dayOf: utcEvening.addingTimeInterval(-1)) == (try day(2030, 5, 31)))
    }

    @Test(
        "Calendar months keep the day of the month and clamp to the month end",
        arguments: [
            ((2030, 5, 31), 3, (2030, 8, 31)),
            ((2030, 5, 31), -3, (2030, 2, 28)),
            ((2032, 5, 31), -3, (2032, 2, 29)),
            ((2030, 11, 30), 3, (2031, 2, 28)),
            ((2030, 2, 28), 3, (2030, 5, 28)),
            ((2030, 1, 15), -3, (2029, 10, 15)),
            ((2030, 12, 31), 3, (2031, 3, 31)),
        ])
    func months(start: (Int, Int, Int), months: Int, expected: (Int, Int, Int)) throws {
        let moved = try day(start.0, start.1, start.2).adding(months: months)
        #expect(moved == (try day(expected.0, expected.1, expected.2)))
    }

    /// Expiry day 2030-05-17: alert from 2030-02-17 (inclusive), grace through 2030-08-17 (inclusive).
    @Test("Every boundary: 3 months before, the expiry day, 3 months after")
    func boundaries() throws {
        let v = validity(expiring: 2030, 5, 17)
        #expect(v.expiryDay == (try day(2030, 5, 17)))
        #expect(v.renewalAlertFirstDay == (try day(2030, 2, 17)))
        #expect(v.graceLastDay == (try day(2030, 8, 17)))

        #expect(v.status(at: tokyo(2030, 2, 16, 23, 59, 59)) == .valid)  // the day before "exactly 3 months before"
        #expect(v.status(at: tokyo(2030, 2, 17, 0, 0, 0)) == .renewalAlert)  // exactly 3 months before: inclusive
        #expect(v.status(at: tokyo(2030, 5, 17, 0, 0, 0)) == .renewalAlert)  // the expiry day, start
        #expect(v.status(at: tokyo(2030, 5, 17, 23, 59, 59)) == .renewalAlert)  // notAfter itself is valid
        #expect(v.status(at: tokyo(2030, 5, 18, 0, 0, 0)) == .expiredWithinGrace)  // one second later
        #expect(v.status(at: tokyo(2030, 8, 17, 23, 59, 59)) == .expiredWithinGrace)  // exactly 3 months after: inclusive
        #expect(v.status(at: tokyo(2030, 8, 18, 0, 0, 0)) == .expiredBeyondGrace)
        #expect(v.status(at: tokyo(2025, 2, 28, 23, 59, 59)) == .notYetValid)
        #expect(v.status(at: tokyo(2025, 3, 1, 0, 0, 0)) == .valid)
    }

    @Test("Month-end expiry: alert and grace clamp (expiry 2030-05-31 → 2030-02-28 … 2030-08-31)")
    func monthEnd() throws {
        let v = validity(expiring: 2030, 5, 31)
        #expect(v.status(at: tokyo(2030, 2, 27)) == .valid)
        #expect(v.status(at: tokyo(2030, 2, 28)) == .renewalAlert)
        #expect(v.status(at: tokyo(2030, 8, 31)) == .expiredWithinGrace)
        #expect(v.status(at: tokyo(2030, 9, 1)) == .expiredBeyondGrace)

        let november = validity(expiring: 2030, 11, 30)
        #expect(november.graceLastDay == (try day(2031, 2, 28)))
        #expect(november.status(at: tokyo(2031, 2, 28)) == .expiredWithinGrace)
        #expect(november.status(at: tokyo(2031, 3, 1)) == .expiredBeyondGrace)
    }

    @Test("Only valid, renewal alert and within grace allow the qualification check")
    func allowsCheck() {
        #expect(ValidityStatus.allCases.filter(\.allowsQualificationCheck) == [.valid, .renewalAlert, .expiredWithinGrace])
        #expect(DiagnosisCode.warning(for: .renewalAlert) == .certificateRenewalDue)
        #expect(DiagnosisCode.warning(for: .expiredWithinGrace) == .certificateExpiredWithinGrace)
        #expect(DiagnosisCode.warning(for: .valid) == nil)
    }

    @Test("Days until expiry count Tokyo days")
    func daysUntil() {
        let v = validity(expiring: 2030, 5, 17)
        #expect(v.daysUntilExpiry(from: tokyo(2030, 5, 17, 0, 0, 1)) == 0)
        #expect(v.daysUntilExpiry(from: tokyo(2030, 5, 10)) == 7)
        #expect(v.daysUntilExpiry(from: tokyo(2030, 5, 20)) == -3)
    }

    @Test(
        "Certificates run to the holder's 5th birthday after issuance",
        arguments: [
            ((1980, 2, 17), (2025, 2, 16), (2029, 2, 17)),
            ((1980, 2, 17), (2025, 2, 17), (2030, 2, 17)),  // issued on the birthday: counts from the next one
            ((1980, 2, 17), (2025, 3, 1), (2030, 2, 17)),
            ((1988, 2, 29), (2025, 1, 10), (2029, 2, 28)),  // leap-day birthday in a common year
            ((1988, 2, 29), (2027, 3, 1), (2032, 2, 29)),
        ])
    func certificateLifetime(birth: (Int, Int, Int), issued: (Int, Int, Int), expected: (Int, Int, Int)) throws {
        let expiry = CertificateValidity.expiryDay(
            birthDate: try day(birth.0, birth.1, birth.2), issuedOn: try day(issued.0, issued.1, issued.2))
        #expect(expiry == (try day(expected.0, expected.1, expected.2)))
    }

    @Test("Cards run to the 10th birthday after issuance for adults, the 5th for under-18s")
    func cardLifetime() throws {
        let adult = CardExpiry.expiry(birthDate: try day(1980, 2, 17), issuedOn: try day(2025, 3, 1))
        #expect(adult.lastValidDay == (try day(2035, 2, 17)))
        let minor = CardExpiry.expiry(birthDate: try day(2008, 4, 2), issuedOn: try day(2025, 4, 1))
        #expect(minor.lastValidDay == (try day(2029, 4, 2)))  // 16 on issue day; first birthday after is 2025-04-02
        let eighteenToday = CardExpiry.expiry(birthDate: try day(2007, 4, 1), issuedOn: try day(2025, 4, 1))
        #expect(eighteenToday.lastValidDay == (try day(2035, 4, 1)))
        #expect(!adult.lastValidDay.hasEnded(at: tokyo(2035, 2, 17, 23, 59, 59)))
        #expect(adult.lastValidDay.hasEnded(at: tokyo(2035, 2, 18, 0, 0, 0)))
    }

    @Test("Ages count completed years; the birthday itself counts")
    func ages() throws {
        let birth = try day(2000, 6, 15)
        #expect(CertificateValidity.age(on: try day(2018, 6, 14), birthDate: birth) == 17)
        #expect(CertificateValidity.age(on: try day(2018, 6, 15), birthDate: birth) == 18)
    }

    @Test("Calendar arithmetic clamps at the ends of the representable range")
    func extremes() throws {
        let last = try day(9999, 12, 31)
        #expect(last.adding(months: 3) == last)
        #expect(last.adding(years: Int.max) == last)
        #expect(try day(1, 1, 1).adding(months: -3) == (try day(1, 1, 1)))
        let v = CertificateValidity(notBefore: tokyo(2025, 3, 1), notAfter: Date.distantFuture)
        #expect(v.status(at: tokyo(2030, 1, 1)) == .valid)
        #expect(try day(2030, 5, 7).adding(days: 30) == (try day(2030, 6, 6)))
        #expect(try day(2030, 5, 7).days(to: try day(2030, 6, 6)) == 30)
    }
}
