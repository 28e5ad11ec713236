import MynaCard
import MynaKit

extension CommandContext {
    /// Reads a secret and checks it against `credential`'s format (nothing is sent to the card when the
    /// format is wrong: exit 2).
    func passcode(
        _ credential: MynaCard.Credential, _ kind: SecretKind, role: CredentialInput.Role = .primary
    ) throws -> Passcode {
        try Passcode(credential, try credentials.secret(kind, role: role))
    }

    /// Reads a secret as a domain PIN for `credential`.
    func pin(_ credential: MynaKit.Credential, _ kind: SecretKind, role: CredentialInput.Role = .primary) throws -> PIN {
        let secret = try credentials.secret(kind, role: role)
        var bytes = secret.withUnsafeBytes { Array($0) }
        return try PIN(consuming: &bytes, for: credential)
    }

    /// PIN-B of `credential` from the values printed on the card front: `--birth-date`, `--expiry-year`
    /// and the security code (a secret: `MYNA_SECURITY_CODE`, stdin or the prompt).
    func pinB(_ credential: MynaCard.Credential, values: CardFrontOptions, role: CredentialInput.Role = .primary) throws
        -> Passcode
    {
        let (birthDate, expiryYear) = try values.required()
        let code = try credentials.secretText(.securityCode, role: role)
        return try Passcode.pinB(
            birthDate: birthDate, cardExpiryYear: expiryYear, securityCode: code, for: credential)
    }

    /// The domain's card-face values (for PIN-B in the qualification check), from the same options.
    func cardFaceValues(_ values: CardFrontOptions, role: CredentialInput.Role = .primary) throws -> CardFaceValues {
        let (birthDate, expiryYear) = try values.required()
        let day = try CalendarDay(year: birthDate.year, month: birthDate.month, day: birthDate.day)
        let code = try credentials.secretText(.securityCode, role: role)
        return try CardFaceValues(birthDate: day, cardExpiryYear: expiryYear, securityCode: code)
    }

    /// The applet layer's verification options.
    static func cardOptions(_ allowLastAttempt: Bool) -> MynaCard.VerificationOptions {
        MynaCard.VerificationOptions(allowLastAttempt: allowLastAttempt)
    }

    /// The domain's verification options.
    static func domainOptions(_ allowLastAttempt: Bool) -> MynaKit.VerificationOptions {
        MynaKit.VerificationOptions(allowLastAttempt: allowLastAttempt)
    }
}
