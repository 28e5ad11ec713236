import MynaCard

extension Credential {
    /// The table key of each credential MynaCard names.
    private var messageKey: String? {
        switch self {
        case .userAuthenticationPIN: "credential.userAuthenticationPIN"
        case .signaturePassword: "credential.signaturePassword"
        case .cardInfoPIN: "credential.cardInfoPIN"
        case .cardInfoPINA: "credential.cardInfoPINA"
        case .cardInfoPINB: "credential.cardInfoPINB"
        case .cardFacePINA: "credential.cardFacePINA"
        case .cardFacePINB: "credential.cardFacePINB"
        case .birthDateKey: "credential.birthDateKey"
        default: nil
        }
    }

    /// The name people know the credential by, in `language`: `利用者証明用電子証明書の暗証番号`,
    /// `user-authentication PIN`. A credential MynaCard does not name gets its `name`.
    public func localizedName(in language: MessageLanguage = .current) -> String {
        guard let messageKey else { return name }
        return LocalizedText.string(messageKey, in: language)
    }
}

extension Credential.Format {
    /// The rule in words, in `language`: `4 digits` / `数字4桁`, `6–16 of A–Z 0–9` /
    /// `英大文字と数字の6〜16文字`. Safe to show: it holds no value.
    public func localizedDescription(in language: MessageLanguage = .current) -> String {
        let text: LocalizedText =
            switch (allowsLetters, minimumLength == maximumLength) {
            case (false, true): LocalizedText("format.digits", .count(minimumLength))
            case (false, false): LocalizedText("format.digitRange", .count(minimumLength), .count(maximumLength))
            case (true, true): LocalizedText("format.alphanumeric", .count(minimumLength))
            case (true, false): LocalizedText("format.alphanumericRange", .count(minimumLength), .count(maximumLength))
            }
        return text.render(in: language)
    }
}
