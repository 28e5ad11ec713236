/// A failure to build or restore a simulated card: a persona that cannot be turned into a card, a state
/// file that cannot be read or written.
///
/// Compared by ``code``. Card behaviour is never an error: the simulated card answers status words.
public struct SimulatorError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure. An open set: compare against the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name.
        public let rawValue: String
        /// Creates a code.
        public init(_ rawValue: String) { self.rawValue = rawValue }

        /// A persona field is malformed (a PIN of the wrong shape, a date that does not exist, …).
        public static let invalidPersona = Code("invalidPersona")
        /// No built-in persona has the requested name.
        public static let unknownPersona = Code("unknownPersona")
        /// A key, certificate or file could not be built.
        public static let buildFailed = Code("buildFailed")
        /// A state file could not be read, written or decoded.
        public static let stateFile = Code("stateFile")

        /// The code's name.
        public var description: String { rawValue }
    }

    /// What went wrong.
    public let code: Code
    /// A human-readable reason. Never contains a PIN or other personal data.
    public let reason: String
    /// Where the error was raised.
    public let file: String
    /// The line where the error was raised.
    public let line: UInt

    /// Creates an error.
    public init(_ code: Code, _ reason: String, file: String = #fileID, line: UInt = #line) {
        self.code = code
        self.reason = reason
        self.file = file
        self.line = line
    }

    /// The code and the reason.
    public var description: String { "SimulatorError.\(code): \(reason)" }

    /// Errors are equal when their codes are.
    public static func == (lhs: SimulatorError, rhs: SimulatorError) -> Bool { lhs.code == rhs.code }
    /// Hashes the code only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
