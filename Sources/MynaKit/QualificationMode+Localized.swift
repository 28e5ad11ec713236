extension QualificationMode {
    /// The mode as clinics name it, in `language`: `暗証番号`, `顔認証`, `目視確認`.
    public func localizedName(in language: MessageLanguage = .current) -> String {
        LocalizedText("mode.\(rawValue)").render(in: language)
    }

    /// "What still works" as one sentence in `language`, for a set of modes: `顔認証と目視確認は使えます。`.
    /// Each combination is one whole sentence of the string table (nothing is joined from fragments); the
    /// empty set says that no mode works meanwhile.
    public static func stillWorksSentence(_ modes: [QualificationMode], in language: MessageLanguage = .current) -> String {
        let names = allCases.filter(modes.contains).map(\.rawValue)
        return LocalizedText("stillWorks.\(names.isEmpty ? "none" : names.joined(separator: "."))").render(in: language)
    }
}
