import Crypto
import MynaCodec
import MynaISO7816

extension JPKIReader {
    /// Authenticates with the user-authentication key, the certificate read **after** the PIN: verifies the
    /// PIN, reads the user-authentication certificate (EF `000A`), lets `accept` examine it, then has the card
    /// sign the SHA-256 DigestInfo of `challenge` and checks the signature against that certificate — one
    /// transaction, logged out at the end (``MyNumberCard/logOut()``).
    ///
    /// For tokens that give the certificate only to a verified PIN (the Android phone token, ``TokenKind``);
    /// on a card, where the certificate is free, reading it first and then calling
    /// ``sign(message:algorithm:key:passcode:certificate:options:)`` spends no PIN on a certificate that
    /// would be refused. `accept` throws to stop before anything is signed (e.g. an expired certificate).
    ///
    /// APDUs: SELECT applet (only if not selected), SELECT PIN EF, empty VERIFY, VERIFY, READ BINARY of the
    /// certificate, COMPUTE DIGITAL SIGNATURE (key by short EF identifier), SELECT ISD (log-out).
    ///
    /// - Throws: what `accept` throws; ``MyNumberCardError/Code/signatureInvalid`` when the signature does not
    ///   verify with the certificate; the errors of verification.
    public func authenticate(
        challenge: [UInt8], pin: Passcode, options: VerificationOptions = .default,
        accepting accept: (CardCertificate) throws -> Void
    ) async throws -> JPKISignature {
        let digest = SHA256.hash(data: challenge)
        let digestInfo = DigestAlgorithm.sha256.digestInfoPrefix + Array(digest)
        return try await signInOneSession(
            key: .userAuthentication, passcode: pin, certificate: nil, options: options,
            operation: "authenticating with the user-authentication key"
        ) { certificate in
            try accept(certificate)
            return (digestInfo, .sha256, { $0.isValidSignature($1, for: digest) })
        }
    }
}
