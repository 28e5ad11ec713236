extension DiagnosisCode {
    /// The codes a successful qualification check warns of (``QualificationCheckResult/warnings``); each has
    /// a warning message (`warning.<code>`) in every ``MessageLanguage`` besides its summary and remedy.
    package static let warnings: [DiagnosisCode] = [
        .certificateRenewalDue, .certificateExpiredWithinGrace, .facePhotoUnavailable,
    ]

    /// The warning for a validity status the check accepts, if any.
    package static func warning(for status: ValidityStatus) -> DiagnosisCode? {
        switch status {
        case .renewalAlert: .certificateRenewalDue
        case .expiredWithinGrace: .certificateExpiredWithinGrace
        case .valid, .notYetValid, .expiredBeyondGrace: nil
        }
    }

    /// What to tell the holder or operator of this warning, in `language`; a code that is not one of
    /// ``warnings`` (decoded from a newer version's JSON) is shown by its stable name.
    package func warningMessage(in language: MessageLanguage) -> String {
        guard Self.warnings.contains(self) else { return rawValue }
        return LocalizedText("warning.\(rawValue)").render(in: language)
    }
}
