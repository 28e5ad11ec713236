import MynaCodec
import MynaISO7816
import MynaTransport

extension MyNumberCard {
    /// Leaves every applet, so that no credential verified on this card stays usable — by this program or by
    /// the next one on the same reader — and forgets the selection and what was read in this session.
    ///
    /// A verified state survives a disconnect, a warm reset and re-selecting the same applet on real cards;
    /// only selecting another applet (or the ISD) or powering the card off clears it. So this selects the
    /// GlobalPlatform ISD (`ApplicationIdentifier.issuerSecurityDomain`), where the card answers `9000`; where it does not, it
    /// selects another applet than the current one (two different ones when the current one is not known),
    /// which leaves the applet that held the verified state.
    ///
    /// Every library operation that verifies a credential calls this before its transaction ends, on success
    /// and on failure; call it yourself after sending your own VERIFY over the same transport.
    ///
    /// APDUs: SELECT ISD = 1, or SELECT ISD + SELECT applet (+ one more when the current applet is unknown).
    ///
    /// - Throws: ``MyNumberCardError/Code/notLoggedOut`` when the card accepted none of the selects (a token
    ///   with one applet and no selectable ISD: power it off, e.g. PC/SC `SCARD_UNPOWER_CARD`); transport
    ///   errors (a card that is gone keeps no verified state).
    public func logOut() async throws {
        try await transaction("logging out") { try await leaveApplets(endingSession: true) }
    }

    /// Selects the ISD, or other applets, then forgets the selection and — when `endingSession` (an explicit
    /// ``logOut()``) — the free files kept for this connection. Call inside a transaction.
    func leaveApplets(endingSession: Bool) async throws {
        let current = iso7816.selectedApplication
        defer {
            iso7816.invalidateSelection()
            if endingSession { sessionEnded() }
        }
        logger.debug("log out")
        if try await selectForLogOut(ApplicationIdentifier.issuerSecurityDomain) { return }
        // No selectable ISD: leave the current applet by selecting others. When the current one is not
        // known, one of the others may be it (re-selecting keeps its state), so two different ones are needed.
        var needed = current == nil ? 2 : 1
        for application in Self.logOutApplications where application != current {
            if try await selectForLogOut(application) {
                needed -= 1
                if needed == 0 { return }
            }
        }
        throw MyNumberCardError(
            .notLoggedOut,
            "the card accepted no SELECT that leaves the current applet (no ISD, no other applet): a verified "
                + "credential may still be usable; power the card off")
    }

    /// The applets a log-out selects where the ISD is not selectable, in order: the common applet first (it
    /// holds nothing a credential opens that a reader uses), then the others.
    static let logOutApplications: [ApplicationIdentifier] = [
        .commonCard, .residentRegistry, .jpki, .cardInfoInputSupport, .cardFaceConfirmation,
    ]

    /// SELECT by DF name for a log-out: whether the card answered `9000`. Only transport errors are thrown.
    private func selectForLogOut(_ application: ApplicationIdentifier) async throws -> Bool {
        let command = try CommandAPDU(ins: Instruction.select.rawValue, p1: 0x04, p2: 0x0C, data: application.bytes)
        iso7816.invalidateSelection()
        return try await iso7816.transmit(command).statusWord.isSuccess
    }

    /// Runs `body` — which verifies a credential — in one transport transaction, and logs out (``logOut()``)
    /// before the transaction ends, whether `body` succeeded or threw: nothing else can use the card between
    /// the VERIFY and the log-out.
    ///
    /// A failed log-out does not turn the operation's result into a failure — it is logged: a card that is
    /// gone keeps no state, and a token that accepts no SELECT leaving its applet
    /// (``MyNumberCardError/Code/notLoggedOut``) is left to the connection's close (MynaPCSC unpowers a card
    /// that was verified).
    func verifiedTransaction<Result: Sendable>(
        _ operation: String, _ body: () async throws -> Result
    ) async throws -> Result {
        try await transaction(operation) {
            let result: Result
            do {
                result = try await body()
            } catch {
                await logOutAfterOperation(operation)
                throw error
            }
            await logOutAfterOperation(operation)
            return result
        }
    }

    /// The log-out at the end of a verified operation; failures are logged, not thrown (see
    /// ``verifiedTransaction(_:_:)``).
    private func logOutAfterOperation(_ operation: String) async {
        do {
            // The free files read on this connection stay (nothing PIN-protected is ever kept): the next
            // operation on the same card does not read them again.
            try await leaveApplets(endingSession: false)
        } catch {
            logger.debug(
                "log out failed", metadata: ["operation": "\(operation)", "error": "\(Self.loggableCode(of: error))"])
        }
    }
}
