import Foundation

/// The language of the words MynaKit gives people: diagnosis summaries and remedies, lock and validity
/// explanations, qualification-check outcomes and warnings.
///
/// The texts come from one string table per language (`Localizable.strings` in the module's `en.lproj`
/// and `ja.lproj` resources), keyed by the typed codes — never by matching English text. An app chooses the
/// language (reception staff read Japanese: pass ``japanese``); ``current`` follows the locale.
public enum MessageLanguage: String, Hashable, Sendable, Codable, CaseIterable {
    /// English.
    case english = "en"
    /// Japanese (日本語).
    case japanese = "ja"

    /// The language a locale identifier names: `ja`, `ja_JP.UTF-8`, `ja-JP` → ``japanese``; `en`,
    /// `en_US.UTF-8` → ``english``; `nil` for any other language. `C` and `POSIX` name English.
    package init?(identifier: String) {
        let language = identifier.prefix { $0 != "_" && $0 != "-" && $0 != "." && $0 != "@" }.lowercased()
        switch language {
        case "ja": self = .japanese
        case "en", "c", "posix": self = .english
        default: return nil
        }
    }

    /// The language the locale asks for.
    ///
    /// The POSIX variables decide first, as a terminal program's users expect: the first of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` that is set and not empty; a language MynaKit has no table for gives
    /// ``english``. When none is set (an app on Apple platforms), the first of `preferredLanguages` that
    /// names English or Japanese; else ``english``.
    package static func preferred(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        preferredLanguages: [String] = Locale.preferredLanguages
    ) -> MessageLanguage {
        for variable in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[variable], !value.isEmpty {
                return MessageLanguage(identifier: value) ?? .english
            }
        }
        return preferredLanguages.lazy.compactMap(MessageLanguage.init(identifier:)).first ?? .english
    }

    /// The language of this process's locale: the POSIX variables first, then the preferred languages.
    public static var current: MessageLanguage { preferred() }
}
