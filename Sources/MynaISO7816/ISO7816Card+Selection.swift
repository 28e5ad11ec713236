import MynaCodec
import MynaTransport

extension ISO7816Card {
    /// SELECT by DF name: `00 A4 04 0C Lc <AID>`.
    ///
    /// On the My Number Card, selecting a **different** application (or the ISD) clears the verified state
    /// of the one left; re-selecting the **same** application keeps it — a re-select is not a log-out.
    ///
    /// The first command after a power-up answers `6F00` on real cards: a SELECT answered `6F00` is sent once
    /// more (a SELECT spends nothing), and the second answer counts.
    public func select(_ application: ApplicationIdentifier) async throws {
        state.withLock { $0.selectedApplication = nil }
        let command = try CommandAPDU(ins: Instruction.select.rawValue, p1: 0x04, p2: 0x0C, data: application.bytes)
        var response = try await transmit(command)
        if response.statusWord == .noPreciseDiagnosis {
            response = try await transmit(command)
        }
        try Self.requireSuccess(response, .select)
        state.withLock { $0.selectedApplication = application }
    }

    /// Selects `application` unless it is already the selected one (saves an APDU; a re-select would keep
    /// the verified state anyway).
    package func selectIfNeeded(_ application: ApplicationIdentifier) async throws {
        if selectedApplication == application { return }
        try await select(application)
    }

    /// SELECT EF by file identifier under the current DF: `00 A4 02 0C 02 <FID>`.
    public func select(file: FileIdentifier) async throws {
        let command = try CommandAPDU(ins: Instruction.select.rawValue, p1: 0x02, p2: 0x0C, data: file.bytes)
        try Self.requireSuccess(try await transmit(command), .select)
    }
}
