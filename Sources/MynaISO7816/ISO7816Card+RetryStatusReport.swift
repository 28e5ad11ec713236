import MynaCodec

extension ISO7816Card {
    /// ``retryStatus(of:)`` with the card's exact answer: the status word of the empty VERIFY is kept
    /// (`63C0`, `6983` and `6984` all read as ``RetryStatus/blocked``), for the errors that report it.
    package func retryStatusReport(of reference: FileIdentifier) async throws -> (
        status: RetryStatus, statusWord: StatusWord
    ) {
        try await select(file: reference)
        let command = try CommandAPDU(ins: Instruction.verify.rawValue, p1: 0x00, p2: 0x80)
        let sw = try await transmit(command).statusWord
        switch sw.category {
        case .retriesRemaining(let n): return (n == 0 ? .blocked : .remaining(n), sw)
        case .blocked: return (.blocked, sw)
        default:
            if sw.rawValue == 0x9000 { return (.noCounterReported, sw) }
            if sw.rawValue == 0x6300 { return (.noInformation, sw) }
            throw CardCommandError(statusWord: sw, instruction: .verify)
        }
    }
}
