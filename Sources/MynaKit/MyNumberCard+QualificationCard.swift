import MynaCard

// `retryStatus(of:)` is MynaCard's own ``/MynaCard/MyNumberCard/retryStatus(of:)``.
extension MyNumberCard: QualificationCard {
    /// ``/MynaCard/MyNumberCard/jpki``'s user-authentication certificate.
    package func authenticationCertificate() async throws -> CardCertificate {
        try await jpki.authenticationCertificate()
    }

    /// ``/MynaCard/MyNumberCard/jpki``'s guarded signing with the user-authentication key.
    package func signWithAuthenticationKey(
        challenge: [UInt8], pin: Passcode, certificate: CardCertificate, options: VerificationOptions
    ) async throws -> [UInt8] {
        try await jpki.sign(
            message: challenge, algorithm: .sha256, key: .userAuthentication, passcode: pin, certificate: certificate,
            options: options
        ).signature
    }

    /// ``/MynaCard/MyNumberCard/cardFace``'s guarded card-face read (signature checked), photo only.
    package func facePhoto(using passcode: Passcode, options: VerificationOptions) async throws -> [UInt8] {
        try await cardFace.cardFace(using: passcode, options: options).facePhoto
    }

    /// The JPKI token info's label (``/MynaCard/JPKIReader/tokenInfo()``).
    package func tokenKind() async throws -> TokenKind {
        try await jpki.tokenInfo().kind
    }

    /// ``/MynaCard/MyNumberCard/jpki``'s ``/MynaCard/JPKIReader/authenticate(challenge:pin:options:accepting:)``:
    /// PIN, certificate, `accept`, signature, in one transaction that logs out at the end.
    package func signWithAuthenticationKey(
        challenge: [UInt8], pin: Passcode, options: VerificationOptions,
        accepting accept: (CardCertificate) throws -> Void
    ) async throws -> (signature: [UInt8], certificate: CardCertificate) {
        let result = try await jpki.authenticate(challenge: challenge, pin: pin, options: options, accepting: accept)
        return (result.signature, result.certificate)
    }
}
