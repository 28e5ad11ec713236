import Foundation

/// Text from the card — a name or an address — as the card holds it, with a display form.
///
/// ``value`` is exactly what the card stores (UTF-8 decoded, no normalisation). ``displayForm`` replaces every
/// character outside JIS X 0208 (外字, gaiji) with ● (U+25CF), the way clinics' and municipal systems show
/// such characters; the card-face images remain the authoritative rendering. Unicode normalisation is never
/// applied silently: call ``normalized(_:)`` to get an NFC or NFKC copy.
///
/// What counts as inside: the 6879 characters of JIS X 0208 (under both the JIS and the Microsoft CP932
/// Unicode mappings of the same positions, e.g. both 〜 U+301C and ～ U+FF5E, both − U+2212 and － U+FF0D),
/// plus ASCII graphic characters and space, which ISO-2022-JP always carries beside JIS X 0208. A character
/// made of several scalars (a base with a combining mark or a variation selector) is inside only if every
/// scalar is; decomposed text (か + U+3099) is therefore flagged until normalised to NFC.
///
/// The text is personal data: ``description`` is redacted.
public struct CardText: Hashable, Sendable, Codable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The text exactly as the card stores it.
    public let value: String

    /// Wraps text.
    package init(_ value: String) {
        self.value = value
    }

    /// The character drawn in ``displayForm`` for a character outside JIS X 0208: ● U+25CF BLACK CIRCLE.
    public static let gaijiPlaceholder: Character = "\u{25CF}"

    /// ``value`` with every character outside JIS X 0208 replaced by ``gaijiPlaceholder``.
    public var displayForm: String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for character in value {
            out.append(Self.isRepresentable(character) ? character : Self.gaijiPlaceholder)
        }
        return out
    }

    /// Whether any character is outside JIS X 0208.
    public var containsGaiji: Bool {
        value.contains { !Self.isRepresentable($0) }
    }

    /// The characters outside JIS X 0208, with their offsets in characters from the start, in order.
    public var gaiji: [(offset: Int, character: Character)] {
        value.enumerated().filter { !Self.isRepresentable($0.element) }.map { ($0.offset, $0.element) }
    }

    /// The Unicode normalisation forms ``normalized(_:)`` applies.
    public enum NormalizationForm: Hashable, Sendable {
        /// Canonical composition (NFC): `か` + U+3099 → `が`.
        case nfc
        /// Compatibility composition (NFKC): also full-width digits → ASCII, `㈱` → `(株)`.
        case nfkc
    }

    /// A copy in a Unicode normalisation form. Never applied implicitly.
    public func normalized(_ form: NormalizationForm) -> CardText {
        switch form {
        case .nfc: CardText(value.precomposedStringWithCanonicalMapping)
        case .nfkc: CardText(value.precomposedStringWithCompatibilityMapping)
        }
    }

    /// Whether a character is inside JIS X 0208 (or is ASCII graphic or space); see the type's discussion.
    package static func isRepresentable(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy(isRepresentable)
    }

    /// Whether a Unicode scalar is in JIS X 0208 (either mapping) or is ASCII graphic or space.
    package static func isRepresentable(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if (0x20...0x7E).contains(value) { return true }
        return isInJISX0208(scalar)
    }

    /// Whether a Unicode scalar is one of the characters of JIS X 0208 (either mapping).
    package static func isInJISX0208(_ scalar: Unicode.Scalar) -> Bool {
        let value = Int(scalar.value)
        let word = value >> 6
        guard word < jisX0208Bitmap.count else { return false }
        return jisX0208Bitmap[word] & (1 << UInt64(value & 63)) != 0
    }

    /// Always `CardText(<redacted>)`.
    public var description: String { "CardText(<redacted>)" }
    /// Always `CardText(<redacted>)`.
    public var debugDescription: String { description }
    /// No children: `dump` shows nothing of the text.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
