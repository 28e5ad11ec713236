extension ValidityStatus {
    /// Where the certificate stands, in plain words in `language`: `有効`, `有効期限まで3か月以内（更新してください）`,
    /// `valid, renewal due: 3 months or less left`.
    public func explanation(in language: MessageLanguage = .current) -> String {
        LocalizedText("validity.\(rawValue)").render(in: language)
    }
}
