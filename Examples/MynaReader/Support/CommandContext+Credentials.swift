import MynaCard

extension CommandContext {
    /// Reads a secret and checks it against `credential`'s format (nothing is sent to the card when the
    /// format is wrong: exit 2).
    func passcode(_ credential: Credential, _ kind: SecretKind, role: CredentialInput.Role = .primary) throws -> Passcode {
        try Passcode(credential, try credentials.secret(kind, role: role))
    }

    /// PIN-B of `credential` from the values printed on the card front: `--birth-date`, `--expiry-year`
    /// and the security code (a secret: `MYNA_SECURITY_CODE`, stdin or the prompt). The library derives it.
    func pinB(_ credential: Credential, values: CardFrontOptions, role: CredentialInput.Role = .primary) throws -> Passcode {
        let (birthDate, expiryYear) = try values.required()
        let code = try credentials.secret(.securityCode, role: role)
        return try Passcode.pinB(birthDate: birthDate, cardExpiryYear: expiryYear, securityCode: code, for: credential)
    }

}
