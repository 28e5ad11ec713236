import MynaCodec
import MynaTransport

extension ISO7816Card {
    /// SELECT by DF name: `00 A4 04 0C Lc <AID>`. Clears the card's verified state for that application.
    public func select(_ application: ApplicationIdentifier) async throws {
        state.withLock { $0.selectedApplication = nil }
        let command = try CommandAPDU(ins: Instruction.select.rawValue, p1: 0x04, p2: 0x0C, data: application.bytes)
        let response = try await transmit(command)
        try Self.requireSuccess(response, .select)
        state.withLock { $0.selectedApplication = application }
    }

    /// Selects `application` unless it is already the selected one (re-selecting would drop verified state
    /// and cost an APDU).
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
