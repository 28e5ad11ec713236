import Foundation

/// What a command prints: a text rendering for people and an `Encodable` value for `--json`.
protocol CommandResult: Encodable, Sendable {
    /// The result for people, printed on stdout (ends with a newline, or is empty).
    var text: String { get }
}

/// The JSON document of one command run: exactly one per run, on stdout, on one line.
///
/// Success: `{"schemaVersion":1,"command":…,"backend":{…},"result":{…}}`.
/// Failure: `{"schemaVersion":1,"command":…,"backend":{…}?,"error":{…}}`.
struct Envelope<Result: Encodable>: Encodable {
    /// The version of every schema under Documentation/json-schema/. Bumped only by incompatible changes
    /// (a field removed, renamed or retyped); new optional fields keep it.
    static var schemaVersion: Int { 1 }

    var command: String
    var backend: BackendDescription?
    var result: Result?
    var error: Failure?

    private enum CodingKeys: String, CodingKey { case schemaVersion, command, backend, result, error }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.schemaVersion, forKey: .schemaVersion)
        try container.encode(command, forKey: .command)
        try container.encodeIfPresent(backend, forKey: .backend)
        try container.encodeIfPresent(result, forKey: .result)
        try container.encodeIfPresent(error, forKey: .error)
    }
}

/// An empty result, for an error document.
struct NoResult: Encodable {}

/// Writing to stdout and stderr.
enum Output {
    /// Prints `value` as one line of JSON on stdout (keys sorted, so output is stable).
    static func json(_ value: some Encodable) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            var data = try encoder.encode(value)
            data.append(0x0A)
            FileHandle.standardOutput.write(data)
        } catch {
            note("Error: the result could not be encoded as JSON: \(error)")
        }
    }

    /// Prints text on stdout as is.
    static func text(_ text: String) {
        guard !text.isEmpty else { return }
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Prints a line on stderr: notices, progress, errors in text mode.
    static func note(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Writes bytes to stderr as they are (spinner frames).
    static func rawError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Prints a failure: the JSON error document with `--json`, else the message and remedy on stderr.
    static func failure(_ failure: Failure, command: String, backend: BackendDescription?, json asJSON: Bool) {
        if asJSON {
            json(Envelope<NoResult>(command: command, backend: backend, result: nil, error: failure))
        } else {
            // Reasons may quote a reader's name or text from a card: control characters are shown escaped.
            note("Error: \(failure.message.escapingControlCharacters)\n\(failure.remedy.escapingControlCharacters)")
        }
    }
}
