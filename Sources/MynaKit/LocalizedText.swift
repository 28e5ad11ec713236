import Foundation
import MynaCard

/// A text of the string tables, not yet rendered: its key and its arguments.
///
/// Rendering looks the key up in the chosen language's table (`Resources/<language>.lproj/Localizable.strings`,
/// read through `Bundle.module`, which works alike on Linux and Apple platforms) and fills the positional
/// arguments (`%1$@`, `%2$ld`) of the format string. Texts are whole sentences in the table: nothing is
/// built by joining translated fragments. Arguments are numbers, credential names (themselves from the
/// table) and technical names that stay as they are (an error code, a status word).
struct LocalizedText: Hashable, Sendable {
    /// One argument of a format string.
    enum Argument: Hashable, Sendable {
        /// A count (`%ld`).
        case count(Int)
        /// A credential, rendered by its name in the table (`%@`).
        case credential(Credential)
        /// A credential's format, rendered in words from the table (`%@`).
        case format(Credential.Format)
        /// A technical name shown as it is: an error code, a status word (`%@`).
        case verbatim(String)
    }

    /// The table key.
    let key: String
    /// The arguments, in the order of their positions.
    let arguments: [Argument]

    init(_ key: String, _ arguments: Argument...) {
        self.key = key
        self.arguments = arguments
    }

    /// The text in `language`.
    func render(in language: MessageLanguage) -> String {
        let format = Self.string(key, in: language)
        guard !arguments.isEmpty else { return format }
        let values: [any CVarArg] = arguments.map { argument -> any CVarArg in
            switch argument {
            case .count(let count): count
            case .credential(let credential): credential.localizedName(in: language)
            case .format(let format): format.localizedDescription(in: language)
            case .verbatim(let text): text
            }
        }
        return String(format: format, locale: Locale(identifier: language.rawValue), arguments: values)
    }

    /// The format string for `key` in `language`; the English one when the language's table lacks it
    /// (the tests make sure no key is missing), the key itself when both lack it.
    static func string(_ key: String, in language: MessageLanguage) -> String {
        let english = table(.english)?.localizedString(forKey: key, value: key, table: nil) ?? key
        guard language != .english, let table = table(language) else { return english }
        return table.localizedString(forKey: key, value: english, table: nil)
    }

    /// Whether `language`'s own table has `key` (no fallback).
    static func hasString(_ key: String, in language: MessageLanguage) -> Bool {
        let missing = "\u{1}missing\u{1}"
        return table(language)?.localizedString(forKey: key, value: missing, table: nil) != missing
    }

    /// The `<language>.lproj` bundle inside the module's resources.
    private static func table(_ language: MessageLanguage) -> Bundle? {
        Bundle.module.path(forResource: language.rawValue, ofType: "lproj").flatMap(Bundle.init(path:))
    }
}
