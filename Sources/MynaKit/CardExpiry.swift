import Foundation
import MynaCard

/// The card's own lifetime rule (the card reports its last valid day itself: the common applet's
/// `CardIdentity.cardExpiry`, which an app checks with ``MynaCard/CalendarDate/hasEnded(at:)``). A card can
/// outlive its certificates (they are renewed) but not the reverse.
package struct CardExpiry: Hashable, Sendable {
    /// The last day the card is valid (inclusive, Tokyo calendar).
    package let lastValidDay: CalendarDate

    /// Birthdays after issuance a card runs to when the holder was 18 or older on the issue day.
    static let adultLifetimeBirthdays = 10
    /// Birthdays after issuance a card runs to when the holder was under 18 on the issue day.
    static let minorLifetimeBirthdays = 5
    /// The age from which the adult lifetime applies.
    static let adultAge = 18

    /// The card expiry for a card issued on `issueDay` to a holder born on `birthDate`: the 10th birthday
    /// after issuance when the holder was 18 or older on the issue day, else the 5th (see
    /// ``CertificateValidity/birthday(number:after:birthDate:)`` for "after").
    package static func expiry(birthDate: CalendarDate, issuedOn issueDay: CalendarDate) -> CardExpiry {
        let adult = CertificateValidity.age(on: issueDay, birthDate: birthDate) >= adultAge
        return CardExpiry(
            lastValidDay: CertificateValidity.birthday(
                number: adult ? adultLifetimeBirthdays : minorLifetimeBirthdays, after: issueDay, birthDate: birthDate))
    }
}
