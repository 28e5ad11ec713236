import MynaCodec
import MynaISO7816
import MynaTransport

extension MyNumberCard {
    /// Verifies a credential without reading anything — for an app that checks a PIN or password before a
    /// multi-step flow — with every guard of the operations that take a credential: the value's format was
    /// checked when the ``Passcode`` was made; the applet is selected if needed; the counter is read with an
    /// empty VERIFY (spends nothing); a blocked credential is refused; the last try — or a try the card does
    /// not count for us (it reports no counter) — is spent only with
    /// ``VerificationOptions/allowLastAttempt`` or a yes from ``VerificationOptions/lastAttemptConsent``
    /// (asked in the same transaction); then exactly one VERIFY is sent, never retried.
    ///
    /// This checks the value and nothing more: the card is logged out (``logOut()``) before the transaction
    /// ends, so the credential does **not** stay verified — for a later operation (which verifies again,
    /// with its own guards) nor for another program on the same reader. A success resets the card's count of
    /// consecutive failures.
    ///
    /// APDUs: SELECT applet (only if not selected) + empty VERIFY + VERIFY, both naming the PIN by short EF
    /// identifier (`P2 = 80|SFI`) where the card took that form on the empty VERIFY, else SELECT PIN EF +
    /// empty VERIFY + VERIFY; then the log-out (SELECT ISD, or another applet where the ISD is refused), all
    /// in one transaction.
    ///
    /// - Throws: ``MyNumberCardError/Code/wrongCredential`` (with ``MyNumberCardError/retriesRemaining``),
    ///   ``MyNumberCardError/Code/credentialBlocked``, ``MyNumberCardError/Code/lastAttemptRefused`` (nothing
    ///   that spends a try was sent), ``MyNumberCardError/Code/notPresentOnThisCard`` when the card has no
    ///   such credential.
    public func verify(_ passcode: Passcode, options: VerificationOptions = .default) async throws {
        try await verifiedTransaction("verifying the \(passcode.credential.name)") {
            try await guardedVerify(passcode, options: options)
        }
    }

    /// Verifies a credential in its applet, safely: selects the applet if needed, reads the counter with an
    /// empty VERIFY (spends nothing), refuses a blocked credential and — unless allowed — the last try or a
    /// try whose count the card hides (`9000` to the empty VERIFY even after leaving the applet), then sends
    /// exactly one VERIFY. `6300` means the reference has no retry limit: a wrong value spends nothing. Call
    /// inside a transaction, followed by the commands that need it.
    ///
    /// APDUs: SELECT applet (only if not selected) + empty VERIFY + VERIFY by short EF identifier, or SELECT
    /// PIN EF + empty VERIFY + VERIFY on a card that refuses that form (learned from the empty VERIFY).
    func guardedVerify(_ passcode: Passcode, options: VerificationOptions) async throws {
        let credential = passcode.credential
        try await select(credential.application, name: Self.appletName(credential.application))
        logger.debug("verify", metadata: ["credential": "\(credential.name)"])

        var status: ISO7816Card.RetryStatus
        var counterWord: StatusWord
        do {
            // By short EF identifier where the card takes it, else after selecting the PIN EF (the VERIFY
            // below then relies on it staying current).
            (status, counterWord) = try await iso7816.retryStatusReport(of: credential.reference)
            if status == .noCounterReported {
                // Some cards answer 9000 when the credential is already verified (by us, or by a program
                // before us: the state survives disconnects), which hides the count. Leaving the applet for
                // the ISD clears it; the counter is then read again (the applet and the PIN EF selected
                // afresh, whatever the ISD answered).
                _ = try await leaveForIssuerSecurityDomain()
                try await iso7816.select(credential.application)
                (status, counterWord) = try await iso7816.retryStatusReport(of: credential.reference)
            }
        } catch {
            throw MyNumberCardError.translating(error, what: "the \(credential.name)", credential: credential)
        }
        switch status {
        case .blocked, .remaining(0):
            throw MyNumberCardError(
                .credentialBlocked, "the \(credential.name) is blocked", credential: credential, retriesRemaining: 0,
                statusWord: counterWord)
        case .remaining(1), .noCounterReported:
            // One try left, or a count the card hides (it may be one): spent only with the caller's consent.
            let left: Int? = status == .remaining(1) ? 1 : nil
            let question = LastAttemptQuestion(credential: credential, retriesRemaining: left, statusWord: counterWord)
            guard await options.consents(to: question) else {
                throw MyNumberCardError(
                    .lastAttemptRefused,
                    left == nil
                        ? "the card does not say how many tries of the \(credential.name) are left; this one may be the "
                            + "last and a wrong value could block it (pass allowLastAttempt or a consent to use it)"
                        : "one try of the \(credential.name) is left; a wrong value would block it (pass allowLastAttempt "
                            + "or a consent to use it)",
                    credential: credential, retriesRemaining: left, statusWord: counterWord)
            }
        case .remaining, .noInformation:
            // `6300`: the reference has no retry limit (card facts §3), so no try can be the last.
            break
        }

        let sw = try await iso7816.sendVerify(credential.reference, referenceData: passcode.secret)
        if sw.isSuccess { return }
        if sw == .warningStateChanged {
            // 6300: wrong, on a reference without a retry limit (the empty VERIFY said 6300 too).
            throw MyNumberCardError(
                .wrongCredential, "wrong \(credential.name)", credential: credential, statusWord: sw)
        }
        switch sw.category {
        case .retriesRemaining(0):
            throw MyNumberCardError(
                .credentialBlocked, "wrong \(credential.name); that was the last try and it is now blocked",
                credential: credential, retriesRemaining: 0, statusWord: sw)
        case .retriesRemaining(let left):
            throw MyNumberCardError(
                .wrongCredential, "wrong \(credential.name)", credential: credential, retriesRemaining: left,
                statusWord: sw)
        case .blocked:
            throw MyNumberCardError(
                .credentialBlocked, "the \(credential.name) is blocked", credential: credential, retriesRemaining: 0,
                statusWord: sw)
        default:
            throw MyNumberCardError.translating(
                CardCommandError(statusWord: sw, instruction: .verify), what: "VERIFY of the \(credential.name)",
                credential: credential)
        }
    }

    /// Selects the ISD, which leaves every applet and clears every verified state; `false` when the card
    /// has no selectable ISD (`6A82`).
    func leaveForIssuerSecurityDomain() async throws -> Bool {
        do {
            try await iso7816.select(.issuerSecurityDomain)
            return true
        } catch let error as CardCommandError where error.code == .fileNotFound {
            iso7816.invalidateSelection()
            return false
        }
    }

    /// Throws ``MyNumberCardError/Code/credentialNotAccepted`` unless `passcode` is one of `accepted`.
    static func require(_ passcode: Passcode, oneOf accepted: [Credential], for what: String) throws(MyNumberCardError) {
        guard accepted.contains(passcode.credential) else {
            let names = accepted.map(\.name).joined(separator: " or ")
            throw MyNumberCardError(
                .credentialNotAccepted, "\(what) needs the \(names), not the \(passcode.credential.name)",
                credential: passcode.credential)
        }
    }

    static func appletName(_ application: ApplicationIdentifier) -> String {
        switch application {
        case .jpki: "JPKI"
        case .cardInfoInputSupport: "card info input support"
        case .cardFaceConfirmation: "card face confirmation"
        case .commonCard: "common card"
        case .residentRegistry: "resident registry"
        default: "AID \(application)"
        }
    }
}

extension MyNumberCard {
    /// Changes a changeable credential (the JPKI user-authentication PIN or signature password, or the card
    /// info PIN): verifies the current value, then sends CHANGE REFERENCE DATA with the new one, in one
    /// transaction.
    ///
    /// Once the card has accepted the new value, the change is reported as made even when ending the
    /// transaction fails afterwards (``PasscodeChange/endOfTransactionFailure`` says so): an error would
    /// have the holder spend tries with the old value.
    ///
    /// - Throws: ``MyNumberCardError/Code/credentialNotAccepted`` when the two values are for different
    ///   credentials or the credential cannot be changed; the errors of verification.
    @discardableResult
    public func changePasscode(
        _ current: Passcode, to new: Passcode, options: VerificationOptions = .default
    ) async throws -> PasscodeChange {
        let credential = current.credential
        guard new.credential == credential else {
            throw MyNumberCardError(
                .credentialNotAccepted, "the new value is for the \(new.credential.name), not the \(credential.name)",
                credential: credential)
        }
        guard credential.isChangeable else {
            throw MyNumberCardError(
                .credentialNotAccepted, "the \(credential.name) cannot be changed", credential: credential)
        }
        var changed = false
        do {
            try await verifiedTransaction("changing the \(credential.name)") {
                try await guardedVerify(current, options: options)
                do {
                    try await iso7816.changeReferenceData(credential.reference, newReferenceData: new.secret)
                } catch {
                    throw MyNumberCardError.translating(
                        error, what: "CHANGE REFERENCE DATA of the \(credential.name)", credential: credential)
                }
                changed = true
            }
        } catch {
            // Only the end of the transaction can fail after the card accepted the new value.
            guard changed else { throw error }
            logger.debug("changed, but the transaction did not end cleanly", metadata: ["credential": "\(credential.name)"])
            let failure =
                error as? TransportError
                ?? TransportError(.backendFailure, "ending the transaction failed: \(Self.loggableCode(of: error))")
            return PasscodeChange(credential: credential, endOfTransactionFailure: failure)
        }
        return PasscodeChange(credential: credential)
    }
}
