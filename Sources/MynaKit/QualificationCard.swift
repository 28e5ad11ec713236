/// What the qualification check needs from a My Number Card, beyond the credentials.
///
/// ``MynaISO7816/ISO7816Card`` conforms. Tests and apps with another card stack may conform their own type.
public protocol QualificationCard: CredentialCard {
    /// Starts exclusive access to the card so that VERIFY → SIGN cannot be interleaved with another
    /// application's commands.
    func beginExclusiveAccess() async throws
    /// Ends exclusive access.
    func endExclusiveAccess() async throws

    /// The JPKI user-authentication certificate (DER, without filler). Free to read on a card.
    ///
    /// - Throws: ``MynaKitError/Code/notAMyNumberCard`` when the card has no JPKI applet.
    func readAuthenticationCertificate() async throws -> [UInt8]

    /// Signs a DigestInfo with the user-authentication key (PKCS#1 v1.5 applied by the card). The
    /// user-authentication PIN must have been verified in the current selection of the JPKI applet.
    func signWithAuthenticationKey(digestInfo: [UInt8]) async throws -> [UInt8]

    /// The face photo (JPEG 2000, JP2 container) from the card-face applet. PIN-B (or PIN-A) of that applet
    /// must have been verified in its current selection.
    func readFacePhoto() async throws -> [UInt8]
}
