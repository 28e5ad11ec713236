import MynaCodec
import MynaTransport

// VERIFY and CHANGE REFERENCE DATA are `package`: they send a secret with none of the PIN-safety guards
// (format, counter, last try). Apps verify through MynaCard's `MyNumberCard`, which applies every guard and
// sends its VERIFY with ``ISO7816Card/sendVerify(_:referenceData:)``, built by the one VERIFY encoder.
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

    /// Empty VERIFY (case 1, `00 20 00 P2`): reads the tries left without spending one. The card answers
    /// `63Cx` even right after a successful VERIFY, so this does not tell whether the reference is verified.
    ///
    /// The reference is named by short EF identifier (`P2 = 80|SFI`, no SELECT) unless the card has refused
    /// that form; the first answer teaches ``Capabilities/verifyByShortIdentifier``: `63Cx` (x > 0, a counter
    /// for that reference) means the card takes the form (and the VERIFY that carries the value will use it
    /// too); `9000`, `6300` or a blocked status are kept as the answer but prove nothing, so the reference EF
    /// is selected for the VERIFY that may follow; `6A86`, `6A88`, `6A82`,
    /// `6A81`, `6B00`, `6D00` or `6E00` mean it does not or the reference is not there: the reference EF is
    /// selected and asked again with `P2 = 80`, and when that SELECT works the form is remembered as refused.
    /// Nothing is spent either way.
    package func retryStatus(of reference: FileIdentifier) async throws -> RetryStatus {
        try await retryStatusReport(of: reference).status
    }

    /// ``retryStatus(of:)`` with the card's exact answer: the status word of the empty VERIFY is kept
    /// (`63C0`, `6983` and `6984` all read as ``RetryStatus/blocked``), for the errors that report it.
    package func retryStatusReport(of reference: FileIdentifier) async throws -> (
        status: RetryStatus, statusWord: StatusWord
    ) {
        var refusedShortForm = false
        if let sfi = reference.shortIdentifier, capabilities.verifyByShortIdentifier != .unsupported {
            let command = try CommandAPDU(ins: Instruction.verify.rawValue, p1: 0x00, p2: 0x80 | sfi)
            let sw = try await transmit(command).statusWord
            if let status = Self.retryStatus(sw) {
                if capabilities.verifyByShortIdentifier == .supported { return (status, sw) }
                if case .remaining = status {
                    // A counter for that reference: the card took the form.
                    updateCapabilities { $0.verifyByShortIdentifier = .supported }
                    return (status, sw)
                }
                // 9000, 6300 or blocked prove nothing about the form: the VERIFY that may follow names the
                // reference as the current EF.
                try await select(file: reference)
                return (status, sw)
            }
            guard Self.refusesReferenceForm(sw) else { throw CardCommandError(statusWord: sw, instruction: .verify) }
            refusedShortForm = true
        }
        try await select(file: reference)
        if refusedShortForm {
            // The reference exists (SELECT worked): the card does not take the short form.
            updateCapabilities { $0.verifyByShortIdentifier = .unsupported }
        }
        let command = try CommandAPDU(ins: Instruction.verify.rawValue, p1: 0x00, p2: 0x80)
        let sw = try await transmit(command).statusWord
        guard let status = Self.retryStatus(sw) else { throw CardCommandError(statusWord: sw, instruction: .verify) }
        return (status, sw)
    }

    /// The retry state an empty VERIFY's status word reports, or `nil` when it reports none.
    static func retryStatus(_ sw: StatusWord) -> RetryStatus? {
        switch sw.category {
        case .retriesRemaining(let n): return n == 0 ? .blocked : .remaining(n)
        case .blocked: return .blocked
        default:
            if sw.rawValue == 0x9000 { return .noCounterReported }
            if sw.rawValue == 0x6300 { return .noInformation }
            return nil
        }
    }

    /// Whether a status word says the card does not take the reference in that form (rather than a state).
    static func refusesReferenceForm(_ sw: StatusWord) -> Bool {
        [0x6A86, 0x6A88, 0x6A82, 0x6B00, 0x6D00, 0x6E00, 0x6A81].contains(sw.rawValue)
    }

    /// The P2 of a VERIFY of `reference` sent now: `80|SFI` when the card has taken that form on an empty
    /// VERIFY, else `80` — in which case the reference EF must be the current one (``retryStatus(of:)`` and
    /// ``select(file:)`` make it so).
    package func verifyParameter(for reference: FileIdentifier) -> UInt8 {
        if capabilities.verifyByShortIdentifier == .supported, let sfi = reference.shortIdentifier {
            return 0x80 | sfi
        }
        return 0x80
    }

    /// VERIFY `00 20 00 P2 Lc <reference data>`: by short EF identifier (`P2 = 80|SFI`) when the card has
    /// taken that form on an empty VERIFY (``retryStatus(of:)``), else after selecting the PIN EF (`P2 = 80`).
    ///
    /// Sends exactly one VERIFY and never retries: a wrong value spends a try. Callers validate the format
    /// and check the counter first (the `MynaKit` PIN model does both).
    ///
    /// - Throws: ``CardCommandError`` with ``CardCommandError/Code/verificationFailed`` and
    ///   ``CardCommandError/retriesRemaining`` (`63Cx`), ``CardCommandError/Code/referenceDataBlocked``
    ///   (`6983`/`6984`), or the status word the card sent. The error never contains the PIN.
    package func verify(_ reference: FileIdentifier, referenceData: SecretBytes) async throws {
        let p2 = verifyParameter(for: reference)
        let command = try Self.verifyCommand(referenceData: referenceData, p2: p2)
        if p2 == 0x80 { try await select(file: reference) }
        try Self.requireSuccess(try await transmit(command), .verify)
    }

    /// The VERIFY command `00 20 00 P2 Lc <reference data>`: the only place a VERIFY carrying a value is
    /// encoded.
    ///
    /// - Throws: `CodecError` when the reference data is not 1…255 bytes.
    package static func verifyCommand(referenceData: SecretBytes, p2: UInt8) throws -> CommandAPDU {
        guard (1...255).contains(referenceData.count) else {
            throw CodecError(.invalidLength, "reference data must be 1…255 bytes")
        }
        return try referenceData.withUnsafeBytes {
            try CommandAPDU(ins: Instruction.verify.rawValue, p1: 0x00, p2: p2, data: Array($0))
        }
    }

    /// Sends one VERIFY of `reference` right after ``retryStatus(of:)`` — by short EF identifier when the card
    /// took that form, else to the PIN EF the empty VERIFY left selected — and returns the card's status
    /// word, whatever it is. Never retries: a wrong value spends a try.
    package func sendVerify(_ reference: FileIdentifier, referenceData: SecretBytes) async throws -> StatusWord {
        let command = try Self.verifyCommand(referenceData: referenceData, p2: verifyParameter(for: reference))
        return try await transmit(command).statusWord
    }

    /// CHANGE REFERENCE DATA `00 24 01 80 Lc <new>` after selecting the PIN EF; the reference must have been
    /// verified in this selection of the application.
    package func changeReferenceData(_ reference: FileIdentifier, newReferenceData: SecretBytes) async throws {
        guard (1...255).contains(newReferenceData.count) else {
            throw CodecError(.invalidLength, "reference data must be 1…255 bytes")
        }
        try await select(file: reference)
        let command = try newReferenceData.withUnsafeBytes {
            try CommandAPDU(ins: Instruction.changeReferenceData.rawValue, p1: 0x01, p2: 0x80, data: Array($0))
        }
        try Self.requireSuccess(try await transmit(command), .changeReferenceData)
    }
}
