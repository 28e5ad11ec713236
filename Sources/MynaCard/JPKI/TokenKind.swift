/// What answers as the JPKI applet, told by the token label in the token info (EF `0006`).
///
/// An open set: an unknown label is kept as it is.
public struct TokenKind: Hashable, Sendable, CustomStringConvertible {
    /// The label, trailing spaces removed.
    public let label: String

    /// Creates a kind from a token label (trailing spaces are removed).
    package init(label: String) {
        var label = label
        while label.last == " " { label.removeLast() }
        self.label = label
    }

    /// `JPKIAPICCTOKEN2`: a My Number Card.
    public static let card = TokenKind(label: "JPKIAPICCTOKEN2")
    /// `JPKIAPGPSETOKEN`: the JPKI token of an Android phone (the user-authentication certificate needs the PIN).
    public static let androidPhone = TokenKind(label: "JPKIAPGPSETOKEN")
    /// `JPKIAPIOSTOKEN`: the JPKI token of an iPhone (accepts `80 FC 00 00`, its last-command indicator).
    public static let iPhone = TokenKind(label: "JPKIAPIOSTOKEN")
    /// `JPKIAPICCTOKEN`: an old resident-registry card (住基カード).
    public static let oldJukiCard = TokenKind(label: "JPKIAPICCTOKEN")

    /// Whether this is a smartphone token (on an Android one, reading the user-authentication certificate
    /// needs the PIN, and ``JPKIReader/authenticationCertificate(pin:options:)`` takes it).
    public var isSmartphone: Bool { self == .androidPhone || self == .iPhone }

    /// Whether the label is one of the four known ones.
    package var isKnown: Bool { [.card, .androidPhone, .iPhone, .oldJukiCard].contains(self) }

    /// The kind of token in words; an unknown label is quoted as the card gave it.
    public var description: String {
        switch self {
        case .card: "My Number Card"
        case .androidPhone: "Android phone"
        case .iPhone: "iPhone"
        case .oldJukiCard: "resident registry card"
        default: "unknown token \"\(label)\""
        }
    }
}
