extension QualificationWarning {
    /// Every warning the qualification check gives.
    package static let allCases: [QualificationWarning] = [
        .certificateRenewalDue, .certificateExpiredWithinGrace, .facePhotoUnavailable,
    ]

    /// What to tell the holder or operator, in `language`. A warning this library does not know (decoded
    /// from a newer version's JSON) is shown by its stable name.
    public func message(in language: MessageLanguage = .current) -> String {
        guard Self.allCases.contains(self) else { return rawValue }
        return LocalizedText("warning.\(rawValue)").render(in: language)
    }
}
