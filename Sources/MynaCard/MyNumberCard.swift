import Logging
import MynaCodec
import MynaISO7816
import MynaTransport
import Synchronization

/// A My Number Card (個人番号カード) — or a smartphone's JPKI token — behind any `CardTransport`.
///
/// The entry point: it owns the ISO 7816-4 layer for one card connection and hands out one reader per applet
/// (``jpki``, ``cardInfoInputSupport``, ``cardFace``, ``commonCard``). Readers read each file in the least
/// link time the card allows (READ BINARY by short EF identifier asking for about the content and never for
/// the filler after it — see ``/MynaISO7816/ISO7816Card/readFile(_:layout:)`` —, VERIFY and COMPUTE DIGITAL
/// SIGNATURE by short EF identifier where the card takes it) and select an applet only when it is not already
/// selected, so a credential verified for a read stays verified for the reads after it. Free files (the
/// certificates, token info) are read once per connection; the copies go on reset, removal and log-out,
/// and PIN-protected content is never kept.
///
/// Every operation that verifies a credential:
/// - checks the value's format before sending anything (``Passcode``);
/// - reads the retry counter first (empty VERIFY, which spends nothing) and refuses when the credential is
///   blocked, or — unless ``VerificationOptions/allowLastAttempt`` is set — when one try is left or the card
///   does not report how many are left;
/// - sends exactly one VERIFY, never a retry;
/// - runs inside one transport transaction together with the commands that need the verified state;
/// - logs out (``logOut()``: selects the GlobalPlatform ISD, or another applet) before that transaction
///   ends, on success and on failure, so the card is left with no verified state and no other client could
///   use it in between.
///
/// Signatures are checked before values are handed back: card records against the key certified in the
/// applet's card-verifiable certificate, JPKI signatures against the certificate of the key that made them.
///
/// Safe to share between tasks; operations on one card are serialized by the transport's transactions. Use
/// one instance per card: it caches the applets' public card-verifiable certificates, and forgets them when
/// the transport reports the card removed or reset.
/// Logs at `.debug` and `.trace` only, and never logs PINs or personal values.
public final class MyNumberCard: Sendable {
    /// The ISO 7816-4 layer the readers share (package: apps use the readers, which guard every secret).
    package let iso7816: ISO7816Card
    /// The card-verifiable certificate authorities the applets' EF `0004` are checked against; see
    /// ``init(transport:capabilities:cardVerifiableAuthorities:cardVerifiablePolicy:logger:sizeHints:)``.
    package let cardVerifiableAuthorities: [CardVerifiableAuthority]
    /// What a record whose issuer key is not authenticated by a production key does: reported (default) or
    /// an error.
    package let cardVerifiablePolicy: CardVerifiableAuthorityPolicy
    let logger: Logger
    private let cache: Mutex<Cache>

    private struct Cache {
        /// The card session (``ISO7816Card`` session generation) the entries belong to.
        var generation: UInt64 = 0
        var cardVerifiableCertificates: [ApplicationIdentifier: CardVerifiableCertificate] = [:]
        /// Free files read on this connection, by applet and file: never PIN-protected content.
        var files: [ReadSizeHints.Key: [UInt8]] = [:]
    }

    /// Whether a read may use or fill the per-connection cache of free files.
    enum SessionCache {
        /// Always read from the card, keep nothing (PIN-protected content).
        case bypass
        /// Use a kept copy if an earlier free read left one; keep nothing read now (a file free on cards that
        /// a token may protect, read after a VERIFY).
        case useIfKept
        /// A file free on every card and token: use a kept copy, or read it and keep it for the connection.
        case readAndKeep
    }

    /// Opens a card.
    ///
    /// - Parameters:
    ///   - transport: how APDUs reach the card.
    ///   - capabilities: what is already known about the card or the reader — e.g. `extendedLength:
    ///     .unsupported` behind a reader limited to short APDUs, which saves the one probe that would learn it.
    ///   - cardVerifiableAuthorities: the authorities whose keys sign the applets' card-verifiable
    ///     certificates (EF `0004`), found by their 16-byte key identifier; by default J-LIS's production and
    ///     JPKI test-hierarchy keys (``CardVerifiableAuthority/known``). Records are always verified against
    ///     the issuer key EF `0004` carries; each result reports how that key was authenticated
    ///     (``CardVerifiableCertificate/authentication``).
    ///   - cardVerifiablePolicy: ``CardVerifiableAuthorityPolicy/report`` (default) returns records with the
    ///     outcome; ``CardVerifiableAuthorityPolicy/strict`` (for identity checks) throws
    ///     ``MyNumberCardError/Code/issuerNotAuthenticated`` for anything but a production key.
    ///   - logger: where to log; by default nothing is logged.
    ///   - sizeHints: the file lengths the reader expects (``/MynaISO7816/ReadSizeHints``); an app that reads
    ///     card after card passes one instance to every card, so that each file is read in one READ BINARY of
    ///     about its length. The lengths the card's format fixes are stated in it here.
    public init(
        transport: any CardTransport, capabilities: ISO7816Card.Capabilities = ISO7816Card.Capabilities(),
        cardVerifiableAuthorities: [CardVerifiableAuthority] = CardVerifiableAuthority.known,
        cardVerifiablePolicy: CardVerifiableAuthorityPolicy = .report,
        logger: Logger = Logger(label: "MynaCard", factory: { _ in SwiftLogNoOpLogHandler() }),
        sizeHints: ReadSizeHints = ReadSizeHints()
    ) {
        self.iso7816 = ISO7816Card(transport: transport, capabilities: capabilities, sizeHints: sizeHints)
        self.cardVerifiableAuthorities = cardVerifiableAuthorities
        self.cardVerifiablePolicy = cardVerifiablePolicy
        self.logger = logger
        self.cache = Mutex(Cache())
        Self.stateFormatLengths(in: sizeHints)
    }

    /// The transport commands go through.
    public var transport: any CardTransport { iso7816.transport }

    /// The JPKI applet (公的個人認証AP): certificates, signing, PIN and password changes.
    public var jpki: JPKIReader { JPKIReader(card: self) }

    /// The card info input support applet (券面事項入力補助AP): individual number and basic attributes.
    public var cardInfoInputSupport: CardInfoInputSupportReader { CardInfoInputSupportReader(card: self) }

    /// The card face confirmation applet (券面事項確認AP): card-face images, face photo.
    public var cardFace: CardFaceReader { CardFaceReader(card: self) }

    /// The common card applet (共通AP): card serial, municipality code, card expiry.
    public var commonCard: CommonCardReader { CommonCardReader(card: self) }

    // MARK: Shared steps

    /// Runs `body` in one transport transaction, translating card and codec errors into
    /// ``MyNumberCardError``.
    func transaction<Result: Sendable>(
        _ operation: String, _ body: () async throws -> Result
    ) async throws -> Result {
        logger.debug("start", metadata: ["operation": "\(operation)"])
        do {
            let result = try await transport.withTransaction { try await body() }
            logger.debug("done", metadata: ["operation": "\(operation)"])
            return result
        } catch {
            if let error = error as? TransportError,
                error.code == .cardRemoved || error.code == .cardReset || error.code == .noCard
            {
                // Another card may come next: forget what was read from this one.
                sessionEnded()
            }
            let translated = MyNumberCardError.translating(error, what: operation)
            logger.debug(
                "failed",
                metadata: ["operation": "\(operation)", "error": "\(Self.loggableCode(of: translated))"])
            throw translated
        }
    }

    /// Selects an applet unless it is the selected one.
    func select(_ application: ApplicationIdentifier, name: String) async throws {
        do {
            try await iso7816.selectIfNeeded(application)
        } catch {
            throw MyNumberCardError.translating(error, what: "the \(name) applet")
        }
    }

    /// Reads a whole EF of the selected applet; a free file (`sessionCache`) is read once per connection.
    func read(
        _ file: FileIdentifier, layout: ISO7816Card.FileLayout = .berTLV, what: String,
        credential: Credential? = nil, sessionCache: SessionCache = .bypass
    ) async throws -> [UInt8] {
        let key = ReadSizeHints.Key(application: iso7816.selectedApplication, file: file)
        if sessionCache != .bypass, key.application != nil, let kept = keptFile(key) {
            logger.trace("read (kept for this connection)", metadata: ["file": "\(file)"])
            return kept
        }
        logger.trace("read", metadata: ["file": "\(file)"])
        let generation = iso7816.sessionGeneration
        let bytes: [UInt8]
        do {
            bytes = try await iso7816.readFile(file, layout: layout)
        } catch {
            throw MyNumberCardError.translating(error, what: what, credential: credential)
        }
        if sessionCache == .readAndKeep, key.application != nil {
            cache.withLock {
                if $0.generation != generation { $0 = Cache(generation: generation) }
                $0.files[key] = bytes
            }
        }
        return bytes
    }

    /// A free file kept for this connection, unless the card was reset or removed since.
    private func keptFile(_ key: ReadSizeHints.Key) -> [UInt8]? {
        let generation = iso7816.sessionGeneration
        return cache.withLock {
            if $0.generation != generation {
                $0 = Cache(generation: generation)
                return nil
            }
            return $0.files[key]
        }
    }

    /// Forgets everything kept for this connection: the free files read and the card-verifiable certificates.
    /// Called when the card is reset or removed (as seen by the transport) and on log-out; the next read goes
    /// to the card.
    func dropSessionCache() {
        let generation = iso7816.sessionGeneration
        cache.withLock { $0 = Cache(generation: generation) }
    }

    /// The card-verifiable certificate (EF `0004`) of the selected applet, read once per session, checked
    /// against ``cardVerifiableAuthorities`` and held to ``cardVerifiablePolicy``.
    func cardVerifiableCertificate(of application: ApplicationIdentifier) async throws -> CardVerifiableCertificate {
        let generation = iso7816.sessionGeneration
        let certificate: CardVerifiableCertificate
        if let cached = cache.withLock({ $0.generation == generation ? $0.cardVerifiableCertificates[application] : nil }) {
            certificate = cached
        } else {
            let bytes = try await read(
                CardInfoInputSupportFile.cardVerifiableCertificate, what: "the card-verifiable certificate (EF 0004)")
            certificate = try CardVerifiableCertificate(encoded: bytes, authorities: cardVerifiableAuthorities)
            cache.withLock {
                if $0.generation != generation { $0 = Cache(generation: generation) }
                $0.cardVerifiableCertificates[application] = certificate
            }
        }
        logger.debug(
            "card-verifiable certificate",
            metadata: ["authentication": "\(certificate.authentication.status)", "authority": "\(certificate.authentication.authorityName)"])
        if cardVerifiablePolicy == .strict, certificate.authentication.status != .productionKey {
            throw MyNumberCardError(
                .issuerNotAuthenticated,
                "the \(Self.appletName(application)) applet's records are not from a production authority: the "
                    + "card-verifiable certificate (EF 0004) is \(certificate.authentication)")
        }
        return certificate
    }

    /// The end of a session with the card (``logOut()``, or the card gone): forgets what this instance read
    /// from the card, so that nothing read under one holder's credentials outlives the session.
    func sessionEnded() {
        dropSessionCache()
    }

    /// The code of an error, for logs (reasons never hold personal values either, but codes are enough).
    static func loggableCode(of error: any Error) -> String {
        switch error {
        case let error as MyNumberCardError: "MyNumberCardError.\(error.code)"
        case let error as TransportError: "TransportError.\(error.code)"
        default: "\(type(of: error))"
        }
    }
}
