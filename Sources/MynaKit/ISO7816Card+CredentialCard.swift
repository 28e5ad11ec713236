import MynaCodec
import MynaISO7816

extension ISO7816Card: CredentialCard {
    /// Selects the credential's applet unless it is already selected (re-selecting would drop verified
    /// state), then sends an empty VERIFY to its key reference.
    public func retryStatus(of credential: Credential) async throws -> RetryStatus {
        try await selectApplet(of: credential)
        do {
            return try await retryStatus(of: credential.reference)
        } catch let error as CardCommandError where error.code == .fileNotFound && error.instruction == .select {
            throw MynaKitError(
                .credentialAbsent, "this card has no \(credential.label) (key reference \(credential.reference))",
                credential: credential)
        }
    }

    /// Selects the credential's applet when needed and sends one VERIFY.
    public func verify(_ credential: Credential, referenceData: SecretBytes) async throws {
        try await selectApplet(of: credential)
        do {
            try await verify(credential.reference, referenceData: referenceData)
        } catch let error as CardCommandError where error.code == .fileNotFound && error.instruction == .select {
            throw MynaKitError(.credentialAbsent, "this card has no \(credential.label)", credential: credential)
        }
    }

    /// Sends one CHANGE REFERENCE DATA in the current selection of the credential's applet.
    public func changeReferenceData(_ credential: Credential, newReferenceData: SecretBytes) async throws {
        try await selectApplet(of: credential)
        try await changeReferenceData(credential.reference, newReferenceData: newReferenceData)
    }

    private func selectApplet(of credential: Credential) async throws {
        do {
            try await selectIfNeeded(credential.application)
        } catch let error as CardCommandError where error.code == .fileNotFound {
            throw MynaKitError(
                .credentialAbsent, "this card has no applet \(credential.application) for the \(credential.label)",
                credential: credential)
        }
    }
}
