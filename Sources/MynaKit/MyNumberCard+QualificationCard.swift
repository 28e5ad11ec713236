import MynaCard

// `retryStatus(of:)` is MynaCard's own ``/MynaCard/MyNumberCard/retryStatus(of:)``.
extension MyNumberCard: QualificationCard {
    /// ``/MynaCard/MyNumberCard/jpki``'s user-authentication certificate.
    public func authenticationCertificate() async throws -> CardCertificate {
        try await jpki.authenticationCertificate()
    }

    /// ``/MynaCard/MyNumberCard/jpki``'s guarded signing with the user-authentication key.
    public func signWithAuthenticationKey(
        challenge: [UInt8], pin: Passcode, certificate: CardCertificate, options: VerificationOptions
    ) async throws -> [UInt8] {
        try await jpki.sign(
            message: challenge, algorithm: .sha256, key: .userAuthentication, passcode: pin, certificate: certificate,
            options: options
        ).signature
    }

    /// ``/MynaCard/MyNumberCard/cardFace``'s guarded card-face read (signature checked), photo only.
    public func facePhoto(using passcode: Passcode, options: VerificationOptions) async throws -> [UInt8] {
        try await cardFace.cardFace(using: passcode, options: options).facePhoto
    }
}
