import ArgumentParser
import Foundation
import MynaKit

/// `--language ja|en`: the language of the words `myna` prints (the library's diagnosis, remedies,
/// validity, warnings and outcomes, and the example's own labels). Codes, field names and exit statuses
/// are the same in every language.
enum LanguageOption: String, ExpressibleByArgument, CaseIterable, Sendable {
    case ja, en

    /// The library's language.
    var language: MessageLanguage { self == .ja ? .japanese : .english }
}

/// The example's own labels (`Diagnosis:`, `Error:`…), from its string table (`Resources/<language>.lproj`),
/// read the same way as MynaKit's.
enum Words {
    /// The label or sentence for `key` in `language`, with positional `arguments` filled in.
    static func text(_ key: String, _ language: MessageLanguage, _ arguments: any CVarArg...) -> String {
        text(key, language, arguments: arguments)
    }

    /// The label or sentence for `key` in `language`, with the positional `arguments` of an array.
    static func text(_ key: String, _ language: MessageLanguage, arguments: [any CVarArg]) -> String {
        let english = bundle(.english)?.localizedString(forKey: key, value: key, table: nil) ?? key
        let format =
            language == .english ? english : (bundle(language)?.localizedString(forKey: key, value: english, table: nil) ?? english)
        guard !arguments.isEmpty else { return format }
        return String(format: format, locale: Locale(identifier: language.rawValue), arguments: arguments)
    }

    private static func bundle(_ language: MessageLanguage) -> Bundle? {
        Bundle.module.path(forResource: language.rawValue, ofType: "lproj").flatMap(Bundle.init(path:))
    }
}

/// A sentence of the example's table kept as its key and arguments, so that it can be put into the
/// language chosen after it was made (a failure thrown before the command knows its language).
struct Phrase: Sendable, Equatable {
    /// The table's key.
    var key: String
    /// The positional arguments (`%1$@`…), as text.
    var arguments: [String]

    init(_ key: String, _ arguments: String...) {
        self.key = key
        self.arguments = arguments
    }

    /// The sentence in `language`.
    func text(_ language: MessageLanguage) -> String { Words.text(key, language, arguments: arguments) }
}
