extension QualificationCheckResult {
    /// The outcome in one sentence for the operator, in `language`: how presence was proven, in which
    /// profile (`資格確認ができました（暗証番号）。…`).
    public func summary(in language: MessageLanguage = .current) -> String {
        let profile = emergencyConsent == nil ? "standard" : "emergency"
        return LocalizedText("outcome.\(profile).\(mode.rawValue)").render(in: language)
    }
}
