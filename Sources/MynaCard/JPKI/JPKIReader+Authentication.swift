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
    /// certificate, SELECT key EF, COMPUTE DIGITAL SIGNATURE, SELECT ISD (log-out).
    ///
    /// - Throws: what `accept` throws; ``MyNumberCardError/Code/signatureInvalid`` when the signature does not
    ///   verify with the certificate; the errors of verification.
    public func authenticate(
        challenge: [UInt8], pin: Passcode, options: VerificationOptions = .default,
        accepting accept: (CardCertificate) throws -> Void
    ) async throws -> JPKISignature {
        let key = JPKIKey.userAuthentication
        try MyNumberCard.require(pin, oneOf: [key.credential], for: "signing with the \(key.name)")
        let digest = SHA256.hash(data: challenge)
        let digestInfo = DigestAlgorithm.sha256.digestInfoPrefix + Array(digest)
        return try await card.verifiedTransaction("authenticating with the \(key.name)") {
            try await card.select(.jpki, name: "JPKI")
            try await card.guardedVerify(pin, options: options)
            let bytes = try await card.read(
                key.certificateFile, what: "the user-authentication certificate (EF 000A)", credential: key.credential)
            let certificate = try CardCertificate(derEncoded: bytes)
            try accept(certificate)
            let signature: [UInt8]
            do {
                signature = try await card.iso7816.computeDigitalSignature(
                    digestInfo, key: key.keyFile, p1: 0x00, p2: 0x80,
                    expectedLength: certificate.rsaPublicKey.modulus.count)
            } catch {
                throw MyNumberCardError.translating(error, what: "signing with the \(key.name)", credential: key.credential)
            }
            guard certificate.rsaPublicKey.isValidSignature(signature, for: digest) else {
                throw MyNumberCardError(
                    .signatureInvalid, "the card's signature does not verify with the \(key.name)'s certificate")
            }
            return JPKISignature(
                signature: signature, algorithm: .sha256, digestInfo: digestInfo, key: key, certificate: certificate)
        }
    }
}
