import MynaCard

extension CertificateValidity {
    /// How many birthdays after issuance a JPKI certificate runs to.
    package static let lifetimeBirthdays = 5

    /// The last valid day of a JPKI certificate (user-authentication or signature) issued on `issueDay` to a
    /// holder born on `birthDate`: the holder's **5th birthday after issuance**.
    ///
    /// "After issuance" is strict: a certificate issued on the holder's birthday counts from the next one.
    /// A 29 February birthday falls on 28 February in common years.
    /// Examples, born 1980-02-17: issued 2025-02-16 → 2029-02-17; issued 2025-02-17 (the birthday) →
    /// 2030-02-17; issued 2025-03-01 → 2030-02-17.
    package static func expiryDay(birthDate: CalendarDate, issuedOn issueDay: CalendarDate) -> CalendarDate {
        birthday(number: lifetimeBirthdays, after: issueDay, birthDate: birthDate)
    }

    /// The `number`th birthday strictly after `day` of someone born on `birthDate`.
    package static func birthday(number: Int, after day: CalendarDate, birthDate: CalendarDate) -> CalendarDate {
        let inSameYear = birthDate.adding(years: day.year - birthDate.year)
        let firstYear = inSameYear > day ? day.year : day.year + 1
        return birthDate.adding(years: firstYear - birthDate.year + number - 1)
    }

    /// Age in completed years on `day` of someone born on `birthDate` (the birthday itself counts).
    package static func age(on day: CalendarDate, birthDate: CalendarDate) -> Int {
        let birthdayThisYear = birthDate.adding(years: day.year - birthDate.year)
        return day.year - birthDate.year - (birthdayThisYear > day ? 1 : 0)
    }
}
