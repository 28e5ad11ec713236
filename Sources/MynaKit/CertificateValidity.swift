import Foundation
import MynaCard

/// A JPKI certificate's validity period and the rules the insurance qualification check applies to it.
///
/// All days are days of the Asia/Tokyo calendar (`CalendarDate.tokyoCalendar`); "3 months" is 3 calendar months,
/// same day of the month, clamped to the month's last day (see `CalendarDate.adding(months:)`).
///
/// With `E` the ``expiryDay``, the renewal alert's first day is `E` − 3 months and the grace period's last
/// day is `E` + 3 months:
///
/// | date (`now`, its Tokyo day `d`) | status |
/// |---|---|
/// | `now` < `notBefore` | ``ValidityStatus/notYetValid`` |
/// | `now` ≤ `notAfter`, `d` < `E` − 3 months | ``ValidityStatus/valid`` |
/// | `now` ≤ `notAfter`, `d` ≥ `E` − 3 months (inclusive: exactly 3 months before the expiry day alerts) | ``ValidityStatus/renewalAlert`` |
/// | `now` > `notAfter`, `d` ≤ `E` + 3 months (inclusive: the day exactly 3 months after the expiry day is still within grace) | ``ValidityStatus/expiredWithinGrace`` |
/// | `now` > `notAfter`, `d` > `E` + 3 months | ``ValidityStatus/expiredBeyondGrace`` |
///
/// Validity itself is decided by instants, as X.509 defines it (`notBefore` ≤ `now` ≤ `notAfter`, both
/// inclusive); JPKI certificates end at 23:59:59 Tokyo time, so the whole expiry day is valid. The alert and
/// grace windows are decided by Tokyo days.
public struct CertificateValidity: Hashable, Sendable, Codable {
    /// The certificate's `notBefore`.
    package let notBefore: Date
    /// The certificate's `notAfter`.
    package let notAfter: Date

    /// Creates a validity period.
    package init(notBefore: Date, notAfter: Date) {
        self.notBefore = notBefore
        self.notAfter = notAfter
    }

    /// The Tokyo day of `notAfter`: the last day the certificate is valid.
    public var expiryDay: CalendarDate { CalendarDate(dayOf: notAfter) }

    /// The first day of the renewal alert: the expiry day minus 3 calendar months (clamped), inclusive.
    package var renewalAlertFirstDay: CalendarDate { expiryDay.adding(months: -Self.renewalAlertMonths) }

    /// The last day of the grace period: the expiry day plus 3 calendar months (clamped), inclusive.
    package var graceLastDay: CalendarDate { expiryDay.adding(months: Self.gracePeriodMonths) }

    /// Months before expiry during which readers show a renewal alert.
    static let renewalAlertMonths = 3
    /// Months after expiry during which the qualification check still accepts the certificate.
    static let gracePeriodMonths = 3

    /// The status at `now` (see the table above).
    public func status(at now: Date) -> ValidityStatus {
        if now < notBefore { return .notYetValid }
        let today = CalendarDate(dayOf: now)
        if now <= notAfter {
            return today >= renewalAlertFirstDay ? .renewalAlert : .valid
        }
        return today <= graceLastDay ? .expiredWithinGrace : .expiredBeyondGrace
    }

    /// Whole Tokyo days from `now`'s day to the expiry day (`0` on the expiry day, negative after it).
    public func daysUntilExpiry(from now: Date) -> Int {
        CalendarDate(dayOf: now).days(to: expiryDay)
    }
}
