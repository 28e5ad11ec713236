import MynaCodec

/// A command the card answered with a status word that means failure.
///
/// Carries the status word exactly as received and the instruction that failed. Compared by ``code``.
/// Never contains command data (PINs) or response data (personal values). The ``description`` adds the
/// instruction, the status word and where the error was raised.
public struct CardCommandError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure. An open set: compare against the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String

        /// A code with a stable name; only this package makes codes (compare against the static members).
        package init(_ name: String) { self.name = name }

        /// `63Cx`: VERIFY with wrong reference data; ``CardCommandError/retriesRemaining`` says how many tries are left.
        public static let verificationFailed = Code("verificationFailed")
        /// `6983` / `6984`: the reference data (PIN) is blocked.
        public static let referenceDataBlocked = Code("referenceDataBlocked")
        /// `6982`: the file or key needs a credential that has not been verified.
        public static let securityStatusNotSatisfied = Code("securityStatusNotSatisfied")
        /// `6985`: conditions of use not satisfied.
        public static let conditionsNotSatisfied = Code("conditionsNotSatisfied")
        /// `6A82`: no such file or application on this card.
        public static let fileNotFound = Code("fileNotFound")
        /// `6A86` / `6A87` / `6A80`: parameters the card does not accept.
        public static let incorrectParameters = Code("incorrectParameters")
        /// `6B00`: offset outside the file.
        public static let offsetOutOfRange = Code("offsetOutOfRange")
        /// `67xx`: wrong length.
        public static let wrongLength = Code("wrongLength")
        /// `6D00`: instruction not supported.
        public static let instructionNotSupported = Code("instructionNotSupported")
        /// `6E00`: class not supported.
        public static let classNotSupported = Code("classNotSupported")
        /// `6981` / `6986`: command incompatible with the file or no current file.
        public static let commandNotAllowed = Code("commandNotAllowed")
        /// Any other status word; see ``CardCommandError/statusWord``.
        public static let unexpectedStatus = Code("unexpectedStatus")
        /// The card answered success, but the response data is not what the command returns
        /// (wrong length, a file shorter than its own header says).
        public static let malformedResponse = Code("malformedResponse")

        /// The code's stable name, such as `verificationFailed`.
        public var description: String { name }

        /// The code for a status word.
        package init(_ statusWord: StatusWord) {
            switch statusWord.category {
            case .retriesRemaining: self = .verificationFailed
            case .blocked: self = .referenceDataBlocked
            default:
                switch statusWord.rawValue {
                case 0x6982: self = .securityStatusNotSatisfied
                case 0x6985: self = .conditionsNotSatisfied
                case 0x6A82: self = .fileNotFound
                case 0x6A80, 0x6A86, 0x6A87: self = .incorrectParameters
                case 0x6B00: self = .offsetOutOfRange
                case 0x6700...0x67FF: self = .wrongLength
                case 0x6D00: self = .instructionNotSupported
                case 0x6E00: self = .classNotSupported
                case 0x6981, 0x6986: self = .commandNotAllowed
                default: self = .unexpectedStatus
                }
            }
        }
    }

    private struct Details: Sendable {
        let statusWord: StatusWord
        let instruction: Instruction
    }

    private let backing: ErrorBacking<Code, Details>

    /// What went wrong, for comparison.
    public var code: Code { backing.code }
    /// The status word exactly as the card sent it (`9000` for ``Code/malformedResponse``).
    public var statusWord: StatusWord { backing.details.statusWord }
    /// The instruction that failed.
    public var instruction: Instruction { backing.details.instruction }
    /// A human-readable reason.
    public var reason: String { backing.reason }

    /// An error for a status word the command does not accept: the code is the status word's, the reason its
    /// meaning unless `reason` is given.
    package init(
        statusWord: StatusWord, instruction: Instruction, reason: String? = nil,
        file: String = #fileID, line: UInt = #line
    ) {
        self.init(
            Code(statusWord), reason ?? (statusWord.meaning ?? "unexpected status"), statusWord: statusWord,
            instruction: instruction, file: file, line: line)
    }

    /// An error with `code`, raised at the caller's `file` and `line`.
    package init(
        _ code: Code, _ reason: String, statusWord: StatusWord, instruction: Instruction,
        file: String = #fileID, line: UInt = #line
    ) {
        self.backing = ErrorBacking(
            code, reason, Details(statusWord: statusWord, instruction: instruction), file: file, line: line)
    }

    /// An error for a response whose data is not what the command returns.
    package static func malformedResponse(
        _ instruction: Instruction, _ reason: String, statusWord: StatusWord = .success,
        file: String = #fileID, line: UInt = #line
    ) -> CardCommandError {
        CardCommandError(.malformedResponse, reason, statusWord: statusWord, instruction: instruction, file: file, line: line)
    }

    /// Tries left after a failed VERIFY (`63Cx`), `0` when blocked, `nil` otherwise.
    public var retriesRemaining: Int? { statusWord.retriesRemaining }

    /// The code, the reason, the instruction, the status word and where the error was raised; never command
    /// or response data.
    public var description: String {
        backing.description(
            "CardCommandError", facts: ["instruction: \(instruction.name)", "SW \(Hex.encode(statusWord.bytes))"])
    }
}
