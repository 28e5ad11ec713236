import Logging
import Synchronization

/// Keeps what a ``CapturingLogHandler`` was given.
final class LogStore: Sendable {
    struct Entry: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: String
    }

    private let entries: Mutex<[Entry]> = Mutex([])

    /// Everything logged so far.
    var all: [Entry] { entries.withLock { $0 } }
    /// The messages logged so far.
    var messages: [String] { all.map(\.message) }
    /// Every message and its metadata as one text, to search for leaks.
    var text: String { all.map { $0.message + " " + $0.metadata }.joined(separator: "\n") }

    func append(_ entry: Entry) { entries.withLock { $0.append(entry) } }

    /// A logger that writes here only (no global `LoggingSystem` bootstrap).
    func logger(level: Logger.Level = .trace) -> Logger {
        var logger = Logger(label: "test.transport") { _ in CapturingLogHandler(store: self) }
        logger.logLevel = level
        return logger
    }
}

/// A swift-log handler that captures messages for assertions.
struct CapturingLogHandler: LogHandler {
    let store: LogStore
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        store.append(
            LogStore.Entry(
                level: event.level, message: event.message.description,
                metadata: merged.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")))
    }
}
