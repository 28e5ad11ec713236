/// A Japanese era (元号), with the Gregorian day it begins.
///
/// The card's birth-date key and PIN-B write the birth date as era year, month and day (`YYMMDD`), so a
/// reader must know exactly where each era starts: a holder born on 1989-01-07 is Shōwa 64, one born the
/// next day Heisei 1.
///
/// Meiji: the era name was proclaimed on 1868-10-23 (Gregorian), and the proclamation applied it from the
/// first day of that lunar year, Keiō 4-01-01 = **1868-01-25** Gregorian; that is the first day used here
/// (it is also what the simulated card uses). Before 1873 Japan used the lunisolar calendar, so for a day
/// before 1873-01-01 the Gregorian month and day written here are not what a period document shows — no
/// card holder is affected.
public struct JapaneseEra: Hashable, Sendable, CustomStringConvertible {
    /// The era's name in Japanese, e.g. `昭和`.
    public let name: String
    /// The romanized name, e.g. `Showa`.
    public let romanizedName: String
    /// The first day of the era (its year 1, 元年).
    public let firstDay: CalendarDate

    /// Creates an era (the modern eras are the static members, listed in ``all``).
    package init(name: String, romanizedName: String, firstDay: CalendarDate) {
        self.name = name
        self.romanizedName = romanizedName
        self.firstDay = firstDay
    }

    /// Meiji (明治), from 1868-01-25 (see the type's discussion).
    package static let meiji = JapaneseEra(name: "明治", romanizedName: "Meiji", firstDay: CalendarDate(constant: 1868, 1, 25))
    /// Taishō (大正), from 1912-07-30.
    package static let taisho = JapaneseEra(name: "大正", romanizedName: "Taisho", firstDay: CalendarDate(constant: 1912, 7, 30))
    /// Shōwa (昭和), from 1926-12-25.
    package static let showa = JapaneseEra(name: "昭和", romanizedName: "Showa", firstDay: CalendarDate(constant: 1926, 12, 25))
    /// Heisei (平成), from 1989-01-08.
    package static let heisei = JapaneseEra(name: "平成", romanizedName: "Heisei", firstDay: CalendarDate(constant: 1989, 1, 8))
    /// Reiwa (令和), from 2019-05-01.
    package static let reiwa = JapaneseEra(name: "令和", romanizedName: "Reiwa", firstDay: CalendarDate(constant: 2019, 5, 1))

    /// The modern eras, oldest first.
    package static let all: [JapaneseEra] = [.meiji, .taisho, .showa, .heisei, .reiwa]

    /// The era `date` falls in among `eras`, or `nil` before the first.
    package static func era(of date: CalendarDate, among eras: [JapaneseEra] = all) -> JapaneseEra? {
        eras.filter { date >= $0.firstDay }.max { $0.firstDay < $1.firstDay }
    }

    /// The era's ``name``.
    public var description: String { name }
}

/// A day written in the Japanese era calendar (和暦): era, era year, month, day.
public struct JapaneseEraDate: Hashable, Sendable, CustomStringConvertible {
    /// The era.
    public let era: JapaneseEra
    /// The year within the era (1 = 元年).
    public let year: Int
    /// The month (1…12), as in the Gregorian date.
    public let month: Int
    /// The day (1…31), as in the Gregorian date.
    public let day: Int

    /// Converts a Gregorian day, Meiji to Reiwa.
    ///
    /// - Throws: ``MyNumberCardError/Code/invalidArgument`` before Meiji, or when the era year would need
    ///   more than two digits.
    public init(_ date: CalendarDate) throws(MyNumberCardError) {
        guard let era = JapaneseEra.era(of: date) else {
            throw MyNumberCardError(.invalidArgument, "the date is before the first known Japanese era")
        }
        let year = date.year - era.firstDay.year + 1
        guard (1...99).contains(year) else {
            throw MyNumberCardError(.invalidArgument, "the era year does not fit in two digits")
        }
        self.era = era
        self.year = year
        self.month = date.month
        self.day = date.day
    }

    /// `YYMMDD` with the era year, as the birth-date key and PIN-B write it (1980-02-17 → `550217`).
    package var compactDigits: String {
        CalendarDate.pad(year, 2) + CalendarDate.pad(month, 2) + CalendarDate.pad(day, 2)
    }

    /// E.g. `昭和55年2月17日`.
    public var description: String { "\(era.name)\(year)年\(month)月\(day)日" }
}
