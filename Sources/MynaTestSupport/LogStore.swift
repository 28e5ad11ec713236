import InMemoryLogging
import Logging

/// Captures what a library logs, for assertions (that PINs and personal data never appear, that a layer
/// logs what it should), on swift-log's `InMemoryLogHandler` and without bootstrapping the global
/// `LoggingSystem`.
public final class LogStore: Sendable {
    /// One captured log line.
    public struct Entry: Sendable {
        /// The level it was logged at.
        public var level: Logger.Level
        /// The message.
        public var message: String
        /// The logger's and the call's metadata, as sorted `key=value` pairs separated by spaces.
        public var metadata: String
    }

    private let handler = InMemoryLogHandler()

    /// A store that has captured nothing yet.
    public init() {}

    /// A logger that writes here only, at `level` and above.
    public func logger(level: Logger.Level = .trace, label: String = "test") -> Logger {
        let handler = handler
        var logger = Logger(label: label) { _ in handler }
        logger.logLevel = level
        return logger
    }

    /// A logger at `.trace` that writes here.
    public var logger: Logger { logger() }

    /// Everything logged so far.
    public var all: [Entry] {
        handler.entries.map { entry in
            Entry(
                level: entry.level, message: entry.message.description,
                metadata: entry.metadata.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " "))
        }
    }

    /// The messages logged so far.
    public var messages: [String] { all.map(\.message) }

    /// Each entry as one line: level, message and metadata.
    public var lines: [String] { all.map { "\($0.level) \($0.message) \($0.metadata)" } }

    /// Every line as one text, to search for leaks.
    public var text: String { lines.joined(separator: "\n") }

    /// Forgets what was captured.
    public func clear() { handler.clear() }
}
