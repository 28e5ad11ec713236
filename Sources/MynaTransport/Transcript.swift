import MynaCodec

/// A record of the exchanges with a card, as text: for tests and bug reports.
///
/// ## File format (version 1)
/// UTF-8 text, one entry per line (LF or CRLF); blank lines and lines starting with `#` are comments.
/// ```
/// # MynaKit transcript v1
/// > 00A4040C0AD392F000260100000001
/// < 9000
/// > 0020008004********
/// < 63C2
/// ! reset 3BE000FF8131FE4514
/// ! begin
/// ! end
/// > 00B08A00000000
/// ! error cardRemoved
/// ! reset-error unresponsiveCard
/// ```
/// - `>` a command APDU in hex. `**` stands for a byte that was not recorded: the data of VERIFY,
///   CHANGE REFERENCE DATA and RESET RETRY COUNTER is always written that way, so PINs never reach a file.
/// - `<` the response to the command on the line before: data and SW1 SW2 in hex. With redacted responses
///   the data bytes are `**` too (replayed as `00`).
/// - `! reset ATR` a reset and the answer to reset; `! begin` / `! end` a transaction;
///   `! error CODE` a ``TransportError`` with that code instead of a response (right after its `>` line);
///   `! reset-error CODE` a reset that failed with that code.
public struct Transcript: Hashable, Sendable {
    /// One recorded event.
    public enum Entry: Hashable, Sendable {
        /// A command and the card's response.
        case exchange(command: MaskedBytes, response: MaskedBytes)
        /// A command that got no response but a transport error with this code.
        case failedExchange(command: MaskedBytes, error: String)
        /// A reset and its ATR.
        case reset(atr: [UInt8])
        /// A reset that failed with a transport error with this code.
        case failedReset(error: String)
        /// Start of a transaction.
        case beginTransaction
        /// End of a transaction.
        case endTransaction
    }

    /// Bytes of which some may be masked (not recorded).
    public struct MaskedBytes: Hashable, Sendable, CustomStringConvertible {
        /// The bytes; a masked byte holds `0`.
        package let bytes: [UInt8]
        /// For each byte, whether it was recorded.
        package let recorded: [Bool]

        /// Bytes that were all recorded.
        public init(_ bytes: [UInt8]) {
            self.bytes = bytes
            self.recorded = Array(repeating: true, count: bytes.count)
        }

        /// Bytes with a mask; `recorded` must have the same count.
        package init(bytes: [UInt8], recorded: [Bool]) {
            precondition(bytes.count == recorded.count, "one mask flag per byte")
            self.bytes = bytes
            self.recorded = recorded
        }

        /// Whether `other` agrees with every recorded byte.
        package func matches(_ other: [UInt8]) -> Bool {
            guard other.count == bytes.count else { return false }
            for i in bytes.indices where recorded[i] && bytes[i] != other[i] { return false }
            return true
        }

        /// Hex, with `**` for masked bytes.
        public var description: String {
            var out = ""
            out.reserveCapacity(bytes.count * 2)
            for i in bytes.indices {
                out += recorded[i] ? Hex.encode(CollectionOfOne(bytes[i])) : "**"
            }
            return out
        }

        /// Parses hex with `**` for masked bytes.
        static func parse(_ text: Substring) throws(TransportError) -> MaskedBytes {
            let chars = Array(text.utf8.filter { $0 != UInt8(ascii: " ") })
            guard chars.count % 2 == 0 else { throw TransportError(.transcriptInvalid, "odd number of hex digits") }
            var bytes: [UInt8] = []
            var recorded: [Bool] = []
            var i = 0
            while i < chars.count {
                if chars[i] == UInt8(ascii: "*") && chars[i + 1] == UInt8(ascii: "*") {
                    bytes.append(0)
                    recorded.append(false)
                } else {
                    guard let high = nibble(chars[i]), let low = nibble(chars[i + 1]) else {
                        throw TransportError(.transcriptInvalid, "not a hex byte")
                    }
                    bytes.append(high << 4 | low)
                    recorded.append(true)
                }
                i += 2
            }
            return MaskedBytes(bytes: bytes, recorded: recorded)
        }

        private static func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
            default: nil
            }
        }
    }

    /// The entries in order.
    public var entries: [Entry]

    /// Whether the text this was parsed from was cut off in its last line (a recorder that stopped
    /// mid-write): the entries are every complete one before the cut, and the incomplete last line — with
    /// the command whose response it was — is not among them.
    public var isTruncated: Bool

    /// Creates a transcript.
    public init(entries: [Entry] = []) {
        self.entries = entries
        self.isTruncated = false
    }

    /// The first line of every transcript file.
    package static let header = "# MynaKit transcript v1"

    /// Parses the text format.
    ///
    /// Text cut off in its last line (it does not end with a line break, and the last line does not parse or
    /// leaves a command without its response) keeps every complete entry before the cut and is marked
    /// ``isTruncated``. Anything else that is wrong is an error.
    ///
    /// - Throws: ``TransportError/Code/transcriptInvalid`` naming the line that is wrong.
    public init(parsing text: String) throws(TransportError) {
        try self.init(parsing: text, wasCut: false)
    }

    /// Parses the text format; `wasCut`: the text is a file that may have been cut mid-write (a recorder
    /// ends every entry with a line break), so an unterminated last line is never used and a command left
    /// without its response at the end is dropped, both marking the transcript ``isTruncated``.
    init(parsing text: String, wasCut: Bool) throws(TransportError) {
        var entries: [Entry] = []
        var pending: MaskedBytes? = nil
        var pendingLine = 0
        var lineNumber = 0
        var isTruncated = false
        let endsWithLineBreak = text.last?.isNewline ?? true
        // Split on any line break: in Swift "\r\n" is one Character, so splitting on "\n" alone would not
        // split a file with CRLF line endings at all.
        let rawLines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for rawLine in rawLines {
            lineNumber += 1
            if wasCut, !endsWithLineBreak, lineNumber == rawLines.count {
                isTruncated = true
                break
            }
            let line = rawLine.trimmingSpaces()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let body = line.dropFirst().trimmingSpaces()
            do throws(TransportError) {
                switch line.first {
                case ">":
                    guard pending == nil else { throw TransportError(.transcriptInvalid, "a command without a response") }
                    let command = try MaskedBytes.parse(body)
                    guard command.bytes.count >= 4 else { throw TransportError(.transcriptInvalid, "a command shorter than 4 bytes") }
                    pending = command
                    pendingLine = lineNumber
                case "<":
                    guard let command = pending else { throw TransportError(.transcriptInvalid, "a response without a command") }
                    let response = try MaskedBytes.parse(body)
                    guard response.bytes.count >= 2 else { throw TransportError(.transcriptInvalid, "a response shorter than 2 bytes") }
                    entries.append(.exchange(command: command, response: response))
                    pending = nil
                case "!":
                    let words = body.split(separator: " ")
                    // Only an error may stand in for the response to the command on the line before.
                    if words.first != "error", pending != nil {
                        throw TransportError(.transcriptInvalid, "a command without a response")
                    }
                    switch words.first {
                    case "reset":
                        let atr = words.count > 1 ? try MaskedBytes.parse(words[1]).bytes : []
                        entries.append(.reset(atr: atr))
                    case "reset-error":
                        guard words.count == 2 else { throw TransportError(.transcriptInvalid, "reset-error needs a code") }
                        entries.append(.failedReset(error: String(words[1])))
                    case "begin": entries.append(.beginTransaction)
                    case "end": entries.append(.endTransaction)
                    case "error":
                        guard let command = pending, words.count == 2 else {
                            throw TransportError(.transcriptInvalid, "an error needs a command before it and a code")
                        }
                        entries.append(.failedExchange(command: command, error: String(words[1])))
                        pending = nil
                    default:
                        throw TransportError(.transcriptInvalid, "unknown event")
                    }
                default:
                    throw TransportError(.transcriptInvalid, "a line must start with >, <, ! or #")
                }
            } catch {
                if !endsWithLineBreak, lineNumber == rawLines.count {
                    // The last line was cut mid-write: keep what came before it.
                    isTruncated = true
                    break
                }
                throw TransportError(.transcriptInvalid, "line \(lineNumber): \(error.reason)")
            }
        }
        if pending != nil {
            // A command whose response line was cut off (or never written) at the very end of cut text.
            guard !endsWithLineBreak || wasCut else {
                throw TransportError(.transcriptInvalid, "line \(pendingLine): the last command has no response")
            }
            isTruncated = true
        }
        self.entries = entries
        self.isTruncated = isTruncated
    }

    /// The text format, starting with the `# MynaKit transcript v1` header.
    public func rendered() -> String {
        var lines = [Self.header]
        for entry in entries { lines.append(contentsOf: Self.lines(for: entry)) }
        return lines.joined(separator: "\n") + "\n"
    }

    static func lines(for entry: Entry) -> [String] {
        switch entry {
        case .exchange(let command, let response): ["> \(command)", "< \(response)"]
        case .failedExchange(let command, let error): ["> \(command)", "! error \(error)"]
        case .reset(let atr): ["! reset \(Hex.encode(atr))"]
        case .failedReset(let error): ["! reset-error \(error)"]
        case .beginTransaction: ["! begin"]
        case .endTransaction: ["! end"]
        }
    }

    /// A command as it is recorded: the data of PIN-carrying commands masked.
    public static func recordedCommand(_ command: CommandAPDU) -> MaskedBytes {
        let bytes = command.encoded()
        guard command.carriesSecret, !command.data.isEmpty else { return MaskedBytes(bytes) }
        // Header and the Lc field stay; the data bytes are masked.
        let dataStart = command.isExtended ? 7 : 5
        var recorded = Array(repeating: true, count: bytes.count)
        for i in dataStart..<(dataStart + command.data.count) { recorded[i] = false }
        var masked = bytes
        for i in dataStart..<(dataStart + command.data.count) { masked[i] = 0 }
        return MaskedBytes(bytes: masked, recorded: recorded)
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> Substring {
        var s = self
        while let c = s.first, c == " " || c == "\t" || c == "\r" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" { s = s.dropLast() }
        return s
    }
}
