import Crypto
import MynaCodec
import MynaISO7816

/// Reads and uses the JPKI applet (公的個人認証AP): token info, the user-authentication and signature
/// certificates and their CA certificates, signing with either key, and changing the PIN or password.
///
/// Certificates come back parsed (``CardCertificate``); validate them with a ``CertificateChainValidator``
/// and trust anchors you hold. Signatures are verified against the signing key's certificate before they
/// are returned.
public struct JPKIReader: Sendable {
    let card: MyNumberCard

    private static let name = "JPKI"

    /// The token info (EF `0006`, free): which kind of token answers.
    ///
    /// APDUs: SELECT applet (only if not selected) + 1 READ BINARY by SFI.
    public func tokenInfo() async throws -> TokenInfo {
        try await card.transaction("reading the token info") {
            try await selectApplet()
            let bytes = try await card.read(
                JPKIFile.tokenInfo, layout: .fixedLength(TokenInfo.length), what: "the token info (EF 0006)",
                sessionCache: .readAndKeep)
            return try TokenInfo(bytes)
        }
    }

    /// Which certificates the applet holds (EF `0008`, free).
    public func certificatePresence() async throws -> CertificatePresence {
        try await card.transaction("reading the certificate presence") {
            try await selectApplet()
            let bytes = try await card.read(
                JPKIFile.certificatePresence, layout: .fixedLength(3), what: "the certificate presence file (EF 0008)",
                sessionCache: .readAndKeep)
            return try CertificatePresence(bytes)
        }
    }

    /// The user-authentication certificate (EF `000A`).
    ///
    /// Free on cards; smartphone tokens need the PIN first — pass it as `pin`. Without it a token that needs
    /// it gives ``MyNumberCardError/Code/securityStatusNotSatisfied`` naming ``Credential/userAuthenticationPIN``.
    ///
    /// APDUs on a card with extended length: SELECT applet (only if not selected) + 1 READ BINARY by SFI;
    /// with `pin`, also SELECT PIN EF, empty VERIFY, VERIFY and the log-out (SELECT ISD, or another applet).
    public func authenticationCertificate(
        pin: Passcode? = nil, options: VerificationOptions = .default
    ) async throws -> CardCertificate {
        if let pin { try MyNumberCard.require(pin, oneOf: [.userAuthenticationPIN], for: "the user-authentication certificate") }
        let operation = "reading the user-authentication certificate"
        guard let pin else {
            return try await card.transaction(operation) {
                try await selectApplet()
                // Free on cards: kept for this connection.
                return try await readCertificate(JPKIKey.userAuthentication, credential: .userAuthenticationPIN, keep: true)
            }
        }
        return try await card.verifiedTransaction(operation) {
            try await selectApplet()
            try await card.guardedVerify(pin, options: options)
            // Read after the PIN (a token that needs it makes the certificate PIN-protected content, which is
            // never kept for the connection).
            return try await readCertificate(JPKIKey.userAuthentication, credential: .userAuthenticationPIN, keep: false)
        }
    }

    /// The user-authentication CA certificate (EF `000B`, free).
    public func authenticationCACertificate() async throws -> CardCertificate {
        try await card.transaction("reading the user-authentication CA certificate") {
            try await selectApplet()
            return try await readCertificate(
                file: JPKIFile.authenticationCACertificate, what: "the user-authentication CA certificate (EF 000B)")
        }
    }

    /// The signature certificate (EF `0001`), with the signature password.
    ///
    /// A card without one (face-authentication cards, holders under 15) gives
    /// ``MyNumberCardError/Code/notPresentOnThisCard``.
    public func signatureCertificate(
        password: Passcode, options: VerificationOptions = .default
    ) async throws -> CardCertificate {
        try MyNumberCard.require(password, oneOf: [.signaturePassword], for: "the signature certificate")
        return try await card.verifiedTransaction("reading the signature certificate") {
            try await selectApplet()
            try await card.guardedVerify(password, options: options)
            return try await readCertificate(JPKIKey.signature, credential: .signaturePassword)
        }
    }

    /// The signature CA certificate (EF `0002`, free).
    public func signatureCACertificate() async throws -> CardCertificate {
        try await card.transaction("reading the signature CA certificate") {
            try await selectApplet()
            return try await readCertificate(
                file: JPKIFile.signatureCACertificate, what: "the signature CA certificate (EF 0002)")
        }
    }

    /// Hashes `message` with `algorithm` (swift-crypto) and has the card sign its DigestInfo (PKCS#1 v1.5);
    /// the signature is verified by swift-crypto against the key's certificate before it is returned.
    ///
    /// APDUs: SELECT applet (only if not selected), empty VERIFY and VERIFY (by short EF identifier where the
    /// card takes it, else after SELECT PIN EF), READ BINARY of the certificate unless `certificate` is given
    /// or it was read earlier on this connection, COMPUTE DIGITAL SIGNATURE naming the key by short EF
    /// identifier (`P2 = 97` / `9A`, no SELECT), log-out (SELECT ISD, or another applet;
    /// ``MyNumberCard/logOut()``) — one transaction.
    ///
    /// - Parameters:
    ///   - message: the data to sign.
    ///   - algorithm: SHA-256 (the default), SHA-384 or SHA-512.
    ///   - key: ``JPKIKey/userAuthentication`` (PIN) or ``JPKIKey/signature`` (password).
    ///   - passcode: the key's credential.
    ///   - certificate: the key's certificate if already read (saves reading it again).
    ///   - options: whether the last try may be spent (``VerificationOptions/allowLastAttempt``).
    /// - Throws: ``MyNumberCardError/Code/signatureInvalid`` when the card's signature does not verify with
    ///   the certificate; the errors of verification.
    public func sign(
        message: some Sequence<UInt8>, algorithm: DigestAlgorithm = .sha256, key: JPKIKey, passcode: Passcode,
        certificate: CardCertificate? = nil, options: VerificationOptions = .default
    ) async throws -> JPKISignature {
        let bytes = Array(message)
        switch algorithm {
        case .sha384:
            return try await sign(
                digest: SHA384.hash(data: bytes), key: key, passcode: passcode, certificate: certificate, options: options)
        case .sha512:
            return try await sign(
                digest: SHA512.hash(data: bytes), key: key, passcode: passcode, certificate: certificate, options: options)
        default:
            return try await sign(
                digest: SHA256.hash(data: bytes), key: key, passcode: passcode, certificate: certificate, options: options)
        }
    }

    /// Signs a swift-crypto digest (`SHA256.Digest`, `SHA384.Digest` or `SHA512.Digest`): the DigestInfo is
    /// built here and signed by the card (PKCS#1 v1.5), and the signature is verified by swift-crypto against
    /// the key's certificate before it is returned.
    ///
    /// APDUs: as ``sign(message:algorithm:key:passcode:certificate:options:)``.
    ///
    /// - Throws: ``MyNumberCardError/Code/invalidArgument`` for any other digest type (before anything is
    ///   sent); ``MyNumberCardError/Code/signatureInvalid`` when the card's signature does not verify with the
    ///   certificate; the errors of verification.
    public func sign<D: Digest>(
        digest: D, key: JPKIKey, passcode: Passcode, certificate: CardCertificate? = nil,
        options: VerificationOptions = .default
    ) async throws -> JPKISignature {
        guard let algorithm = DigestAlgorithm(digestType: D.self) else {
            throw MyNumberCardError(.invalidArgument, "JPKI signing takes a SHA-256, SHA-384 or SHA-512 digest")
        }
        return try await sign(
            digestInfo: algorithm.digestInfoPrefix + Array(digest), algorithm: algorithm, key: key, passcode: passcode,
            certificate: certificate, options: options
        ) { publicKey, signature in
            publicKey.isValidSignature(signature, for: digest)
        }
    }

    /// Signs a digest the caller holds only as bytes (computed elsewhere): the DigestInfo is built here and
    /// signed by the card (PKCS#1 v1.5), and the signature is verified against the key's certificate before
    /// it is returned.
    ///
    /// swift-crypto cannot verify a digest given as bytes (it makes its digest values only by hashing), so
    /// this one signature is verified by the raw public-key operation (the opened block compared byte for
    /// byte with `00 01 FF…FF 00 ‖ DigestInfo`), against the exact DigestInfo sent. With the
    /// message or a swift-crypto digest, use ``sign(message:algorithm:key:passcode:certificate:options:)`` or
    /// ``sign(digest:key:passcode:certificate:options:)``, which swift-crypto verifies.
    ///
    /// APDUs: as ``sign(message:algorithm:key:passcode:certificate:options:)``.
    ///
    /// - Parameters:
    ///   - digest: the hash of the data, ``DigestAlgorithm/digestLength`` bytes.
    ///   - algorithm: the hash algorithm that made it.
    ///   - key: ``JPKIKey/userAuthentication`` (PIN) or ``JPKIKey/signature`` (password).
    ///   - passcode: the key's credential.
    ///   - certificate: the key's certificate if already read (saves reading it again).
    ///   - options: whether the last try may be spent (``VerificationOptions/allowLastAttempt``).
    /// - Throws: ``MyNumberCardError/Code/invalidArgument`` when the digest is not the algorithm's length
    ///   (before anything is sent); ``MyNumberCardError/Code/signatureInvalid`` when the card's signature does
    ///   not verify with the certificate; the errors of verification.
    public func sign(
        digest: [UInt8], algorithm: DigestAlgorithm, key: JPKIKey, passcode: Passcode,
        certificate: CardCertificate? = nil, options: VerificationOptions = .default
    ) async throws -> JPKISignature {
        let digestInfo = try algorithm.digestInfo(digest: digest)
        return try await sign(
            digestInfo: digestInfo, algorithm: algorithm, key: key, passcode: passcode, certificate: certificate,
            options: options
        ) { publicKey, signature in
            publicKey.isValidSignature(signature, forPayload: digestInfo)
        }
    }

    /// Signs a message that depends on the signer's certificate — a CMS's signed attributes name it — with
    /// one VERIFY: the credential is verified, the key's certificate read (the signature certificate needs
    /// the password, so it cannot be read before without a second VERIFY), `message` makes the bytes to sign
    /// from it (throw to stop before anything is signed), the card signs their DigestInfo (PKCS#1 v1.5), and
    /// the signature is verified against the certificate before it is returned. One transaction, logged out
    /// at the end.
    ///
    /// APDUs: as ``sign(message:algorithm:key:passcode:certificate:options:)`` without `certificate`.
    ///
    /// - Parameters:
    ///   - algorithm: SHA-256 (the default), SHA-384 or SHA-512.
    ///   - key: ``JPKIKey/userAuthentication`` (PIN) or ``JPKIKey/signature`` (password).
    ///   - passcode: the key's credential.
    ///   - options: whether the last try may be spent (``VerificationOptions/allowLastAttempt``).
    ///   - message: the bytes to sign, made from the signer's certificate.
    public func sign(
        algorithm: DigestAlgorithm = .sha256, key: JPKIKey, passcode: Passcode, options: VerificationOptions = .default,
        messageFor message: (CardCertificate) throws -> [UInt8]
    ) async throws -> JPKISignature {
        try await signInOneSession(key: key, passcode: passcode, certificate: nil, options: options) { certificate in
            let digestInfo = algorithm.digestInfo(hashing: try message(certificate))
            return (digestInfo, algorithm, { $0.isValidSignature($1, forPayload: digestInfo) })
        }
    }

    /// Changes the user-authentication PIN or the signature password; see
    /// ``MyNumberCard/changePasscode(_:to:options:)``.
    @discardableResult
    public func changePasscode(
        _ current: Passcode, to new: Passcode, options: VerificationOptions = .default
    ) async throws -> PasscodeChange {
        try MyNumberCard.require(current, oneOf: [.userAuthenticationPIN, .signaturePassword], for: "a JPKI change")
        return try await card.changePasscode(current, to: new, options: options)
    }

    // MARK: Steps

    /// Verifies the credential, reads the certificate unless given, has the card sign `digestInfo`, and
    /// checks the signature with `isValid` before returning it — one transaction.
    private func sign(
        digestInfo: [UInt8], algorithm: DigestAlgorithm, key: JPKIKey, passcode: Passcode, certificate: CardCertificate?,
        options: VerificationOptions, isValid: @escaping (CardRSAPublicKey, [UInt8]) -> Bool
    ) async throws -> JPKISignature {
        try await signInOneSession(key: key, passcode: passcode, certificate: certificate, options: options) { _ in
            (digestInfo, algorithm, isValid)
        }
    }

    /// What is signed, decided once the signer's certificate is known: the DigestInfo, its algorithm, and how
    /// the signature is checked.
    typealias SigningInput = (
        digestInfo: [UInt8], algorithm: DigestAlgorithm, isValid: (CardRSAPublicKey, [UInt8]) -> Bool
    )

    /// The one signing session every signing operation goes through: SELECT applet, the guarded VERIFY
    /// (exactly one), the certificate (given, kept for the connection, or read after the VERIFY), `prepare`
    /// (which may refuse by throwing, before anything is signed), COMPUTE DIGITAL SIGNATURE by short EF
    /// identifier, the signature checked against the certificate, and the log-out — all in one transaction.
    func signInOneSession(
        key: JPKIKey, passcode: Passcode, certificate: CardCertificate?, options: VerificationOptions,
        operation: String? = nil, prepare: (CardCertificate) throws -> SigningInput
    ) async throws -> JPKISignature {
        try MyNumberCard.require(passcode, oneOf: [key.credential], for: "signing with the \(key.name)")
        return try await card.verifiedTransaction(operation ?? "signing with the \(key.name)") {
            try await selectApplet()
            try await card.guardedVerify(passcode, options: options)
            let signer: CardCertificate
            if let certificate {
                signer = certificate
            } else {
                signer = try await readCertificate(key, credential: key.credential)
            }
            let input = try prepare(signer)
            let signature: [UInt8]
            do {
                // P2 = 80|SFI (97 / 9A): no SELECT of the key EF.
                signature = try await card.iso7816.computeDigitalSignature(
                    input.digestInfo, keyByShortIdentifier: key.keyFile, p1: 0x00,
                    expectedLength: signer.rsaPublicKey.modulus.count)
            } catch {
                throw MyNumberCardError.translating(error, what: "signing with the \(key.name)", credential: key.credential)
            }
            guard input.isValid(signer.rsaPublicKey, signature) else {
                throw MyNumberCardError(
                    .signatureInvalid, "the card's signature does not verify with the \(key.name)'s certificate")
            }
            return JPKISignature(
                signature: signature, algorithm: input.algorithm, digestInfo: input.digestInfo, key: key, certificate: signer)
        }
    }

    private func selectApplet() async throws {
        try await card.select(.jpki, name: Self.name)
    }

    /// Reads a key's certificate, or takes it from this connection's cache where an earlier free read left
    /// it; `keep`: the read needed no credential, so the bytes may be kept for the connection.
    private func readCertificate(_ key: JPKIKey, credential: Credential, keep: Bool = false) async throws -> CardCertificate {
        let what = key == .signature ? "the signature certificate (EF 0001)" : "the user-authentication certificate (EF 000A)"
        let bytes = try await card.read(
            key.certificateFile, what: what, credential: credential, sessionCache: keep ? .readAndKeep : .useIfKept)
        return try CardCertificate(derEncoded: bytes)
    }

    /// Reads a free certificate (a CA certificate), kept for this connection.
    private func readCertificate(file: FileIdentifier, what: String) async throws -> CardCertificate {
        try CardCertificate(derEncoded: try await card.read(file, what: what, sessionCache: .readAndKeep))
    }
}
