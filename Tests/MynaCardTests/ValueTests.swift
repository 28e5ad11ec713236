import Foundation
import MynaCard
import Testing

@Suite struct CalendarDateTests {
    @Test func parsesCardDates() throws {
        let date = try CalendarDate(yyyymmdd: Array("19850723".utf8))
        #expect(date == CalendarDate(constant: 1985, 7, 23))
        #expect(date.compactDigits == "19850723")
        #expect(date.description == "1985-07-23")
    }

    @Test(arguments: ["1985072", "198507231", "1985-7-23", "19851301", "19850230", "19000229", "ABCDEFGH", "00000101"])
    func rejectsMalformedDates(_ text: String) {
        #expect(throws: MyNumberCardError.self) { try CalendarDate(yyyymmdd: Array(text.utf8)) }
    }

    @Test func leapYears() throws {
        #expect(try CalendarDate(yyyymmdd: Array("20000229".utf8)).day == 29)
        #expect(try CalendarDate(yyyymmdd: Array("20240229".utf8)).month == 2)
        #expect(CalendarDate.isLeapYear(2000) && !CalendarDate.isLeapYear(1900) && CalendarDate.isLeapYear(2024))
    }

    @Test func codableRoundTripAndValidation() throws {
        let date = CalendarDate(constant: 2035, 2, 17)
        let data = try JSONEncoder().encode([date])
        #expect(String(decoding: data, as: UTF8.self) == #"["2035-02-17"]"#)
        #expect(try JSONDecoder().decode([CalendarDate].self, from: data) == [date])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CalendarDate].self, from: Data(#"["2035-02-30"]"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CalendarDate].self, from: Data(#"["+035-02-01"]"#.utf8)) }
    }

    @Test func ordering() {
        #expect(CalendarDate(constant: 1989, 1, 7) < CalendarDate(constant: 1989, 1, 8))
        #expect(CalendarDate(constant: 1988, 12, 31) < CalendarDate(constant: 1989, 1, 1))
    }
}

@Suite struct JapaneseEraTests {
    struct Boundary: Sendable, CustomTestStringConvertible {
        let date: CalendarDate
        let era: String
        let year: Int
        var testDescription: String { "\(date) → \(era) \(year)" }
    }

    static let boundaries: [Boundary] = [
        Boundary(date: CalendarDate(constant: 1868, 1, 25), era: "明治", year: 1),
        Boundary(date: CalendarDate(constant: 1912, 7, 29), era: "明治", year: 45),
        Boundary(date: CalendarDate(constant: 1912, 7, 30), era: "大正", year: 1),
        Boundary(date: CalendarDate(constant: 1926, 12, 24), era: "大正", year: 15),
        Boundary(date: CalendarDate(constant: 1926, 12, 25), era: "昭和", year: 1),
        Boundary(date: CalendarDate(constant: 1989, 1, 7), era: "昭和", year: 64),
        Boundary(date: CalendarDate(constant: 1989, 1, 8), era: "平成", year: 1),
        Boundary(date: CalendarDate(constant: 2019, 4, 30), era: "平成", year: 31),
        Boundary(date: CalendarDate(constant: 2019, 5, 1), era: "令和", year: 1),
        Boundary(date: CalendarDate(constant: 2026, 1, 1), era: "令和", year: 8),
    ]

    @Test(arguments: boundaries)
    func eraBoundaries(_ boundary: Boundary) throws {
        let eraDate = try JapaneseEraDate(boundary.date)
        #expect(eraDate.era.name == boundary.era)
        #expect(eraDate.year == boundary.year)
        #expect(eraDate.month == boundary.date.month && eraDate.day == boundary.date.day)
    }

    @Test func beforeMeijiIsAnError() {
        #expect(throws: MyNumberCardError.self) { try JapaneseEraDate(CalendarDate(constant: 1868, 1, 24)) }
    }

    @Test func compactDigits() throws {
        #expect(try JapaneseEraDate(CalendarDate(constant: 1980, 2, 17)).compactDigits == "550217")
        #expect(try JapaneseEraDate(CalendarDate(constant: 2019, 5, 1)).compactDigits == "010501")
        #expect(try JapaneseEraDate(CalendarDate(constant: 1980, 2, 17)).description == "昭和55年2月17日")
    }
}

@Suite struct SexTests {
    @Test(arguments: [("1", Sex.male), ("2", Sex.female), ("9", Sex.notApplicable), ("0", Sex.notKnown)])
    func iso5218(_ field: String, _ expected: Sex) throws {
        let sex = try Sex(field: Array(field.utf8))
        #expect(sex == expected)
        #expect(sex.isDefinedByISO5218)
    }

    @Test func unknownDigitsAreKept() throws {
        let sex = try Sex(field: Array("3".utf8))
        #expect(sex.code == 3)
        #expect(!sex.isDefinedByISO5218)
        #expect(sex != .male && sex != .female && sex != .notKnown && sex != .notApplicable)
        #expect(sex.description == "ISO 5218 code 3")
    }

    @Test(arguments: ["", "12", "M", "\u{FF11}"])
    func malformedFieldsAreTypedErrors(_ field: String) {
        #expect(throws: MyNumberCardError.self) { try Sex(field: Array(field.utf8)) }
    }
}

@Suite struct IndividualNumberTests {
    @Test(arguments: ["901234567893", "902345678917", "123456789018", "000000000000"])
    func validNumbers(_ digits: String) throws {
        #expect(try IndividualNumber(digits).digits == digits)
    }

    @Test func wrongCheckDigitIsTyped() {
        #expect {
            try IndividualNumber("901234567890")
        } throws: { ($0 as? MyNumberCardError)?.code == .invalidCheckDigit }
    }

    @Test(arguments: ["90123456789", "9012345678930", "90123456789A", "９０１２３４５６７８９３"])
    func wrongShapeIsTyped(_ digits: String) {
        #expect {
            try IndividualNumber(digits)
        } throws: { ($0 as? MyNumberCardError)?.code == .invalidArgument }
    }

    @Test func checkDigitRule() {
        // Σ = 5·2 + 4·3 + 3·4 + 2·5 + 1·6 + 0·7 + 9·2 + 8·3 + 7·4 + 6·5 + 5·6 = 180; 180 mod 11 = 4 → 7.
        #expect(IndividualNumber.checkDigit(of: [5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5]) == 7)
        #expect(IndividualNumber.checkDigit(of: [1, 2, 3]) == nil)
    }

    @Test func descriptionIsRedacted() throws {
        let number = try IndividualNumber("901234567893")
        #expect(!"\(number)".contains("9012"))
        #expect(!String(reflecting: number).contains("9012"))
        var dumped = ""
        dump(number, to: &dumped)
        #expect(!dumped.contains("9012"))
    }
}

@Suite struct PersonNameTests {
    @Test func splitsAtIdeographicSpace() {
        let name = PersonName("見本\u{3000}花子")
        #expect(name.family.value == "見本")
        #expect(name.given.value == "花子")
        #expect(name.full.value == "見本\u{3000}花子")
        #expect(name.hasSeparator)
    }

    @Test func noSeparatorKeepsTheWholeNameAsFamily() {
        let name = PersonName("SMITH JOHN")
        #expect(name.family.value == "SMITH JOHN")
        #expect(name.given.value.isEmpty)
        #expect(!name.hasSeparator)
    }

    @Test func laterSeparatorsStayInTheGivenName() {
        let name = PersonName("山田\u{3000}太郎\u{3000}次郎")
        #expect(name.family.value == "山田")
        #expect(name.given.value == "太郎\u{3000}次郎")
    }

    @Test func codableKeepsTheStoredForm() throws {
        let name = PersonName("見本\u{3000}花子")
        let decoded = try JSONDecoder().decode(PersonName.self, from: try JSONEncoder().encode(name))
        #expect(decoded == name)
    }
}

@Suite struct CardTextTests {
    @Test func jisX0208TextIsShownAsIs() {
        let text = CardText("東京都千代田区見本町１２－３４－５６")
        #expect(!text.containsGaiji)
        #expect(text.displayForm == text.value)
        #expect(text.gaiji.isEmpty)
    }

    @Test func gaijiAreFlaggedAndShownAsBlackCircles() {
        let text = CardText("\u{20BB7}田\u{3000}太郎")  // 𠮷 is outside JIS X 0208
        #expect(text.containsGaiji)
        #expect(text.displayForm == "●田\u{3000}太郎")
        #expect(text.gaiji.map(\.offset) == [0])
        #expect(text.value == "\u{20BB7}田\u{3000}太郎")
        #expect(CardText("髙橋").displayForm == "●橋")  // 髙 U+9AD9 is an IBM extension, not JIS X 0208
    }

    @Test(arguments: [
        "\u{301C}", "\u{FF5E}", "\u{2212}", "\u{FF0D}", "\u{2016}", "\u{2225}", "\u{00A2}", "\u{FFE0}", "\u{00AC}", "\u{FFE2}",
        "\u{3000}", "亜", "熙", "ア", "ヴ", "Ａ", "Ω", "Я", "─", "A", "1", " ",
    ])
    func representable(_ text: String) throws {
        let character = try #require(text.first)
        #expect(CardText.isRepresentable(character))
    }

    @Test(arguments: [
        "\u{20BB7}", "\u{9AD9}", "\u{FF71}", "\u{2460}", "\u{3231}", "\u{00E9}", "\u{1F600}", "\u{0009}", "\u{E000}",
        "葛\u{E0100}",
    ])
    func notRepresentable(_ text: String) throws {
        let character = try #require(text.first)
        #expect(!CardText.isRepresentable(character))
    }

    @Test func normalisationIsExplicit() {
        let decomposed = CardText("か\u{3099}")  // が, decomposed
        #expect(decomposed.containsGaiji)  // U+3099 is not a JIS X 0208 character
        #expect(decomposed.value.unicodeScalars.count == 2)
        let composed = decomposed.normalized(.nfc)
        #expect(composed.value.unicodeScalars.count == 1)
        #expect(!composed.containsGaiji)
        #expect(CardText("１２－３").normalized(.nfkc).value == "12-3")
    }

    @Test func tableHasTheWholeCharacterSet() {
        // 6879 positions; 6 positions have a second (CP932) Unicode mapping.
        var count = 0
        for value in 0...0xFFFF {
            if let scalar = Unicode.Scalar(value), CardText.isInJISX0208(scalar) { count += 1 }
        }
        #expect(count == 6885)
        #expect(!CardText.isInJISX0208("A"))
    }

    @Test func descriptionIsRedacted() {
        let text = CardText("東京都千代田区")
        #expect(!"\(text)".contains("東京"))
        var dumped = ""
        dump(text, to: &dumped)
        #expect(!dumped.contains("東京"))
    }
}
