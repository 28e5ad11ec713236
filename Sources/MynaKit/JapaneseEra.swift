/// A Japanese era (元号), for the card's Japanese-era dates (PIN-B, the birth-date key).
public struct JapaneseEra: Hashable, Sendable, CustomStringConvertible {
    /// The era's English name ("Reiwa").
    public let name: String
    /// The era's first day.
    public let firstDay: CalendarDay

    /// Creates an era.
    init(name: String, firstDay: CalendarDay) {
        self.name = name
        self.firstDay = firstDay
    }

    /// 令和 Reiwa, from 2019-05-01.
    public static let reiwa = JapaneseEra(name: "Reiwa", firstDay: CalendarDay(unchecked: 2019, 5, 1))
    /// 平成 Heisei, from 1989-01-08.
    public static let heisei = JapaneseEra(name: "Heisei", firstDay: CalendarDay(unchecked: 1989, 1, 8))
    /// 昭和 Shōwa, from 1926-12-25.
    public static let showa = JapaneseEra(name: "Showa", firstDay: CalendarDay(unchecked: 1926, 12, 25))
    /// 大正 Taishō, from 1912-07-30.
    public static let taisho = JapaneseEra(name: "Taisho", firstDay: CalendarDay(unchecked: 1912, 7, 30))

    /// The eras known here, newest first.
    public static let known: [JapaneseEra] = [.reiwa, .heisei, .showa, .taisho]

    /// The era `day` falls in, or `nil` before Taishō.
    public static func era(of day: CalendarDay) -> JapaneseEra? {
        known.first { day >= $0.firstDay }
    }

    /// The era year of `day` (the first year of an era is 1), or `nil` before Taishō.
    public static func year(of day: CalendarDay) -> Int? {
        era(of: day).map { day.year - $0.firstDay.year + 1 }
    }

    /// `day` as Japanese-era `YYMMDD` ASCII digits (1980-02-17 → `550217`), or `nil` before Taishō.
    public static func yymmdd(_ day: CalendarDay) -> [UInt8]? {
        guard let year = year(of: day), year < 100 else { return nil }
        return [year / 10, year % 10, day.month / 10, day.month % 10, day.day / 10, day.day % 10].map { UInt8(0x30 + $0) }
    }

    public var description: String { name }
}
