/// The 4 basic attributes (基本4情報) of the card info input support applet (EF `0002`), as typed values.
///
/// Personal data: ``description`` is redacted.
public struct BasicAttributes: Hashable, Sendable, Codable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The name (`DF22`).
    public let name: PersonName
    /// The address (`DF23`), full-width digits as stored.
    public let address: CardText
    /// The birth date (`DF24`).
    public let birthDate: CalendarDate
    /// Sex (`DF25`).
    public let sex: Sex

    /// Creates the attributes.
    package init(name: PersonName, address: CardText, birthDate: CalendarDate, sex: Sex) {
        self.name = name
        self.address = address
        self.birthDate = birthDate
        self.sex = sex
    }

    /// Always `BasicAttributes(<redacted>)`.
    public var description: String { "BasicAttributes(<redacted>)" }
    /// Always `BasicAttributes(<redacted>)`.
    public var debugDescription: String { description }
    /// No children: `dump` shows nothing personal.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
