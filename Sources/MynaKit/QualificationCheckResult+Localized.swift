extension QualificationCheckResult {
    /// The outcome in one sentence for the operator, in `language`: how presence was proven, in which
    /// profile (`資格確認ができました（暗証番号）。…`).
    public func summary(in language: MessageLanguage = .current) -> String {
        let profile = self.profile.consent == nil ? "standard" : "emergency"
        return LocalizedText("outcome.\(profile).\(mode.rawValue)").render(in: language)
    }

    /// What to tell the holder or operator of each of ``warnings``, in `language`. A warning this library does
    /// not give (decoded from a newer version's JSON) is shown by its stable name.
    public func warningMessages(in language: MessageLanguage = .current) -> [String] {
        warnings.map { $0.warningMessage(in: language) }
    }
}
