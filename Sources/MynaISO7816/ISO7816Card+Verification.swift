import MynaCodec
import MynaTransport

// VERIFY and CHANGE REFERENCE DATA are `package`: they send a secret with none of the PIN-safety guards
// (format, counter, last try). Apps verify through MynaCard's `MyNumberCard`, which applies every guard and
// builds its VERIFY with ``ISO7816Card/verifyCommand(referenceData:)``, the one VERIFY encoder.
extension ISO7816Card {
    /// The retry state of a key reference, as an empty VERIFY reports it.
    package enum RetryStatus: Hashable, Sendable {
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
    /// reference is verified. Leaves the PIN EF selected for the VERIFY that may follow.
    package func retryStatus(of reference: FileIdentifier) async throws -> RetryStatus {
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

    /// The VERIFY command `00 20 00 80 Lc <reference data>` for the selected PIN EF: the only place a VERIFY
    /// carrying a value is encoded.
    ///
    /// - Throws: `CodecError` when the reference data is not 1…255 bytes.
    package static func verifyCommand(referenceData: SecretBytes) throws -> CommandAPDU {
        guard (1...255).contains(referenceData.count) else {
            throw CodecError.invalidLengthError("reference data must be 1…255 bytes")
        }
        return try referenceData.withUnsafeBytes {
            try CommandAPDU(ins: Instruction.verify.rawValue, p1: 0x00, p2: 0x80, data: Array($0))
        }
    }

    /// Sends one VERIFY for the PIN EF that is already selected (by ``retryStatus(of:)``) and returns the
    /// card's status word, whatever it is. Never retries: a wrong value spends a try.
    package func sendVerify(referenceData: SecretBytes) async throws -> StatusWord {
        try await transmit(try Self.verifyCommand(referenceData: referenceData)).statusWord
    }

    /// VERIFY after selecting the PIN EF, with no guard: one VERIFY, never retried.
    ///
    /// - Throws: ``CardCommandError`` with ``CardCommandError/Code/verificationFailed`` and
    ///   ``CardCommandError/retriesRemaining`` (`63Cx`), ``CardCommandError/Code/referenceDataBlocked``
    ///   (`6983`/`6984`), or the status word the card sent. The error never contains the PIN.
    package func verify(_ reference: FileIdentifier, referenceData: SecretBytes) async throws {
        let command = try Self.verifyCommand(referenceData: referenceData)
        try await select(file: reference)
        try Self.requireSuccess(try await transmit(command), .verify)
    }

    /// CHANGE REFERENCE DATA `00 24 01 80 Lc <new>` after selecting the PIN EF; the reference must have been
    /// verified in this selection of the application.
    package func changeReferenceData(_ reference: FileIdentifier, newReferenceData: SecretBytes) async throws {
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
