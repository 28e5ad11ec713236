extension CalendarDate {
    /// The Japanese era (元号) a date falls in.
    public struct Era: Hashable, Sendable, CustomStringConvertible {
        /// The era's name in Japanese, e.g. `昭和`.
        public let name: String
        /// The first day of the era.
        public let firstDay: CalendarDate

        /// Meiji (明治), from 1868-01-25.
        public static let meiji = Era(name: "明治", firstDay: CalendarDate(constant: 1868, 1, 25))
        /// Taishō (大正), from 1912-07-30.
        public static let taisho = Era(name: "大正", firstDay: CalendarDate(constant: 1912, 7, 30))
        /// Shōwa (昭和), from 1926-12-25.
        public static let showa = Era(name: "昭和", firstDay: CalendarDate(constant: 1926, 12, 25))
        /// Heisei (平成), from 1989-01-08.
        public static let heisei = Era(name: "平成", firstDay: CalendarDate(constant: 1989, 1, 8))
        /// Reiwa (令和), from 2019-05-01.
        public static let reiwa = Era(name: "令和", firstDay: CalendarDate(constant: 2019, 5, 1))

        /// All eras, latest first.
        static let all: [Era] = [.reiwa, .heisei, .showa, .taisho, .meiji]

        /// The era's name in Japanese.
        public var description: String { name }
    }

    /// The era this date falls in and the year within it (元年 = 1), or `nil` before Meiji.
    public var japaneseEra: (era: Era, year: Int)? {
        guard let era = Era.all.first(where: { self >= $0.firstDay }) else { return nil }
        return (era, year - era.firstDay.year + 1)
    }

    /// `YYMMDD` with the Japanese-era year, as the birth-date key and PIN-B use it
    /// (1980-02-17 → `550217`). Years past 99 of an era keep their last two digits.
    public var japaneseEraCompact: String {
        let eraYear = japaneseEra?.year ?? year
        return String(format: "%02d%02d%02d", eraYear % 100, month, day)
    }
}
