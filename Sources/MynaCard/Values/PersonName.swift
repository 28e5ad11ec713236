/// The holder's name as the card info input support applet stores it: family name, U+3000, given name.
///
/// Personal data: ``description`` is redacted.
public struct PersonName: Hashable, Sendable, Codable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The separator the card puts between family and given name: U+3000 IDEOGRAPHIC SPACE.
    public static let separator: Character = "\u{3000}"

    /// The whole name exactly as stored, separator included.
    public let full: CardText
    /// The family name (氏): the text before the first U+3000, or the whole name when there is none.
    public let family: CardText
    /// The given name (名): the text after the first U+3000 (later U+3000s included), or empty when there is
    /// no separator.
    public let given: CardText

    /// Splits a stored name at its first U+3000.
    package init(_ full: String) {
        self.full = CardText(full)
        if let index = full.firstIndex(of: Self.separator) {
            family = CardText(String(full[..<index]))
            given = CardText(String(full[full.index(after: index)...]))
        } else {
            family = CardText(full)
            given = CardText("")
        }
    }

    /// Whether the stored name had the U+3000 separator (names without one are kept whole as ``family``).
    package var hasSeparator: Bool { full.value.contains(Self.separator) }

    /// Decodes the whole name and splits it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(try container.decode(String.self))
    }

    /// Encodes the whole name as stored.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(full.value)
    }

    /// Always `PersonName(<redacted>)`.
    public var description: String { "PersonName(<redacted>)" }
    /// Always `PersonName(<redacted>)`.
    public var debugDescription: String { description }
    /// No children: `dump` shows nothing of the name.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
