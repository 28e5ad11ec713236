import MynaCodec
import MynaTransport

extension ISO7816Card {
    /// The retry state of a key reference, as an empty VERIFY reports it.
    public enum RetryStatus: Hashable, Sendable {
        /// `63Cx`: this many tries remain.
        case remaining(Int)
        /// `63C0`, `6983` or `6984`: no tries left; VERIFY would be refused.
        case blocked
        /// `9000`: the card reports no counter (or the reference is verified on cards that say so).
        case noCounterReported
        /// `6300`: a warning with no count.
        case noInformation
    }

    /// Empty VERIFY (case 1, `00 20 00 80` after selecting the PIN EF): reads the tries left without spending
    /// one. The card answers `63Cx` even right after a successful VERIFY, so this does not tell whether the
    /// reference is verified.
    public func retryStatus(of reference: FileIdentifier) async throws -> RetryStatus {
        try await select(file: reference)
        let command = try CommandAPDU(ins: Instruction.verify.rawValue, p1: 0x00, p2: 0x80)
        let response = try await transmit(command)
        let sw = response.statusWord
        switch sw.category {
        case .retriesRemaining(let n): return n == 0 ? .blocked : .remaining(n)
        case .blocked: return .blocked
        default:
            if sw.rawValue == 0x9000 { return .noCounterReported }
            if sw.rawValue == 0x6300 { return .noInformation }
            throw CardCommandError(statusWord: sw, instruction: .verify)
        }
    }

    /// VERIFY `00 20 00 80 Lc <reference data>` after selecting the PIN EF.
    ///
    /// Sends exactly one VERIFY and never retries: a wrong value spends a try. Callers validate the format
    /// and check the counter first (the `MynaKit` PIN model does both).
    ///
    /// - Throws: ``CardCommandError`` with ``CardCommandError/Code/verificationFailed`` and
    ///   ``CardCommandError/retriesRemaining`` (`63Cx`), ``CardCommandError/Code/referenceDataBlocked``
    ///   (`6983`/`6984`), or the status word the card sent. The error never contains the PIN.
    public func verify(_ reference: FileIdentifier, referenceData: SecretBytes) async throws {
        guard (1...255).contains(referenceData.count) else {
            throw CodecError.invalidLengthError("reference data must be 1…255 bytes")
        }
        try await select(file: reference)
        let command = try referenceData.withUnsafeBytes {
            try CommandAPDU(ins: Instruction.verify.rawValue, p1: 0x00, p2: 0x80, data: Array($0))
        }
        try Self.requireSuccess(try await transmit(command), .verify)
    }

    /// CHANGE REFERENCE DATA `00 24 01 80 Lc <new>` after selecting the PIN EF; the reference must have been
    /// verified in this selection of the application.
    public func changeReferenceData(_ reference: FileIdentifier, newReferenceData: SecretBytes) async throws {
        guard (1...255).contains(newReferenceData.count) else {
            throw CodecError.invalidLengthError("reference data must be 1…255 bytes")
        }
        try await select(file: reference)
        let command = try newReferenceData.withUnsafeBytes {
            try CommandAPDU(ins: Instruction.changeReferenceData.rawValue, p1: 0x01, p2: 0x80, data: Array($0))
        }
        try Self.requireSuccess(try await transmit(command), .changeReferenceData)
    }
}
