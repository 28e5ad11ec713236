extension EmergencyConsent {
    /// The recorded consent in plain words, in `language`.
    public func explanation(in language: MessageLanguage = .current) -> String {
        LocalizedText("consent.\(rawValue)").render(in: language)
    }
}
