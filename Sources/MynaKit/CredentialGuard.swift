import Logging
import MynaISO7816

/// The PIN-safety rules, enforced for every caller, in front of a ``CredentialCard``.
///
/// Every VERIFY goes through here:
/// 1. the value's format was checked when the ``PIN`` was made (a typo never reaches the card);
/// 2. the counter is read with an empty VERIFY, which spends nothing;
/// 3. a blocked counter gets no VERIFY at all (``MynaKitError/Code/credentialBlocked``);
/// 4. the last remaining try — or a try on a card that does not report its counter — is spent only with
///    ``VerificationOptions/allowLastAttempt`` (``MynaKitError/Code/lastAttemptNotAllowed``);
/// 5. exactly one VERIFY is sent; a wrong value is reported (``MynaKitError/Code/wrongPIN``) and never
///    retried.
///
/// Nothing here logs, stores or prints a value: logs (at `.debug`) name the credential and the counter only.
public struct CredentialGuard: Sendable {
    /// The card the rules protect.
    public let card: any CredentialCard
    private let logger: Logger

    /// Puts the rules in front of `card`.
    ///
    /// - Parameter logger: where decisions are logged at `.debug`; by default nowhere.
    public init(card: any CredentialCard, logger: Logger = Logger(label: "MynaKit", factory: { _ in SwiftLogNoOpLogHandler() })) {
        self.card = card
        self.logger = logger
    }

    /// Reads a credential's counter with an empty VERIFY (spends nothing).
    ///
    /// - Returns: the counter; ``RetryCounter/State/absent`` when the card has no such credential.
    /// - Throws: ``MynaKitError/Code/counterUnreadable`` for an answer that is not a counter; transport and
    ///   card errors unchanged.
    public func counter(for credential: Credential) async throws -> RetryCounter {
        let status: ISO7816Card.RetryStatus
        do {
            status = try await card.retryStatus(of: credential)
        } catch let error as MynaKitError where error.code == .credentialAbsent {
            return RetryCounter(credential: credential, state: .absent)
        }
        switch status {
        case .remaining(let n): return RetryCounter(credential: credential, state: .remaining(n))
        case .blocked: return RetryCounter(credential: credential, state: .blocked)
        case .noCounterReported, .noInformation: return RetryCounter(credential: credential, state: .unreported)
        }
    }

    /// Reads several counters, in order.
    public func counters(for credentials: [Credential]) async throws -> [RetryCounter] {
        var result: [RetryCounter] = []
        for credential in credentials { result.append(try await counter(for: credential)) }
        return result
    }

    /// Verifies `pin` under the rules above.
    ///
    /// On success the credential is verified in the current selection of its applet (and the card resets
    /// its counter to the maximum).
    ///
    /// - Throws: ``MynaKitError`` with ``MynaKitError/Code/credentialAbsent``,
    ///   ``MynaKitError/Code/credentialBlocked``, ``MynaKitError/Code/lastAttemptNotAllowed`` (nothing sent
    ///   to the card in these three cases), or ``MynaKitError/Code/wrongPIN`` with the tries left (`0`: the
    ///   value just locked the credential); transport and other card errors unchanged.
    public func verify(_ pin: PIN, options: VerificationOptions = .default) async throws {
        let credential = pin.credential
        let counter = try await counter(for: credential)
        try permit(counter, options: options)
        logger.debug("VERIFY", metadata: ["credential": "\(credential.name)", "remaining": "\(counter.remaining.map(String.init) ?? "unreported")"])
        do {
            try await card.verify(credential, referenceData: pin.secret)
        } catch let error as CardCommandError {
            switch error.code {
            case .verificationFailed:
                let left = error.retriesRemaining ?? 0
                logger.debug("VERIFY rejected", metadata: ["credential": "\(credential.name)", "remaining": "\(left)"])
                throw MynaKitError(
                    .wrongPIN,
                    left == 0
                        ? "the \(credential.label) was wrong and is now locked; it can be reset only at the municipal office"
                        : "the \(credential.label) was wrong",
                    credential: credential, retriesRemaining: left)
            case .referenceDataBlocked:
                throw MynaKitError(.credentialBlocked, "the \(credential.label) is locked", credential: credential, retriesRemaining: 0)
            default:
                throw error
            }
        }
        logger.debug("VERIFY accepted", metadata: ["credential": "\(credential.name)"])
    }

    /// Changes a credential's value: verifies `current` under the rules above, then sends one CHANGE
    /// REFERENCE DATA with `new`.
    ///
    /// - Throws: ``MynaKitError/Code/credentialMismatch`` when the two values are for different credentials
    ///   (nothing sent); otherwise as ``verify(_:options:)``.
    public func change(_ current: PIN, to new: PIN, options: VerificationOptions = .default) async throws {
        guard current.credential == new.credential else {
            throw MynaKitError(
                .credentialMismatch, "the new value is for the \(new.credential.label), not the \(current.credential.label)",
                credential: current.credential)
        }
        try await verify(current, options: options)
        try await card.changeReferenceData(current.credential, newReferenceData: new.secret)
        logger.debug("CHANGE REFERENCE DATA accepted", metadata: ["credential": "\(current.credential.name)"])
    }

    /// Whether a VERIFY may be sent with this counter and these options.
    ///
    /// - Throws: the refusal ``verify(_:options:)`` would throw, without contacting the card.
    public func permit(_ counter: RetryCounter, options: VerificationOptions) throws(MynaKitError) {
        let credential = counter.credential
        switch counter.state {
        case .absent:
            throw MynaKitError(.credentialAbsent, "this card has no \(credential.label)", credential: credential)
        case .blocked:
            logger.debug("VERIFY refused: blocked", metadata: ["credential": "\(credential.name)"])
            throw MynaKitError(
                .credentialBlocked,
                "the \(credential.label) is locked; it can be reset only at the municipal office; nothing was sent to the card",
                credential: credential, retriesRemaining: 0)
        case .remaining(1) where !options.allowLastAttempt:
            logger.debug("VERIFY refused: last try", metadata: ["credential": "\(credential.name)"])
            throw MynaKitError(
                .lastAttemptNotAllowed,
                "only one try of the \(credential.label) is left; a wrong value would lock it, so it is spent only when the caller allows the last attempt",
                credential: credential, retriesRemaining: 1)
        case .unreported where !options.allowLastAttempt:
            throw MynaKitError(
                .lastAttemptNotAllowed,
                "the card does not report how many tries of the \(credential.label) are left; a try is spent only when the caller allows the last attempt",
                credential: credential)
        case .remaining, .unreported:
            return
        }
    }
}
