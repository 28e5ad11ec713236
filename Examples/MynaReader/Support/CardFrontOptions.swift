import ArgumentParser
import MynaCard

/// The values printed on the card front from which the library derives PIN-B (照合番号B): the birth date
/// and the card's expiry year. The third part, the security code printed under the photo, is a secret and
/// comes like a PIN (`MYNA_SECURITY_CODE`, `--pin-stdin` or the prompt).
struct CardFrontOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The holder's birth date as printed (Gregorian), for PIN-B.", valueName: "YYYY-MM-DD"))
    var birthDate: String?

    @Option(name: .long, help: ArgumentHelp("The card's expiry year as printed (Gregorian), for PIN-B.", valueName: "YYYY"))
    var expiryYear: Int?

    /// Whether the PIN-B values were given.
    var isGiven: Bool { birthDate != nil || expiryYear != nil }

    /// The birth date and expiry year, or a usage failure naming what is missing.
    func required() throws -> (CalendarDate, Int) {
        guard let birthDate, let expiryYear else {
            throw Failure.usage(Phrase("usage.pinBNeedsFront"), remedy: Phrase("usage.pinBNeedsFront.remedy"))
        }
        let digits = birthDate.utf8.filter { $0 != UInt8(ascii: "-") }
        // The birth date is personal data: the messages never repeat the value given.
        guard digits.count == 8 else {
            throw Failure.usage(Phrase("usage.birthDateFormat"))
        }
        do {
            return (try CalendarDate(yyyymmdd: digits), expiryYear)
        } catch {
            throw Failure.usage(Phrase("usage.birthDateNotADate"))
        }
    }
}
