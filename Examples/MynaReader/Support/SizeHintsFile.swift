import Foundation
import MynaCard
import MynaISO7816
import MynaTransport

/// The lengths of the card's public files, kept between runs in the file `--size-hints` (or
/// `MYNA_SIZE_HINTS`) names, so that every run reads each file in one READ BINARY of about its length, as
/// the second card of a long-running app does (Documentation/performance.md, time on the wire).
///
/// A cache: a missing file is an empty one, and a damaged one is said on stderr and then ignored — never a
/// reason for a command to fail. Only what `MyNumberCard.keepableSizeHints(in:)` keeps is written (files
/// any program may read from a card), owner-only (`0600`), atomically.
enum SizeHintsFile {
    /// The longest file taken for a hint file (a few dozen hints are a few kilobytes).
    static let limit = 1 << 20

    /// The path the options name, if any.
    static func path(_ options: GlobalOptions) -> String? {
        options.sizeHints ?? ProcessInfo.processInfo.environment["MYNA_SIZE_HINTS"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The hints kept at `path`, or empty ones.
    static func load(_ path: String?) -> ReadSizeHints {
        guard let path else { return ReadSizeHints() }
        do {
            guard let bytes = try ProtectedFile.read(path, limit: limit) else { return ReadSizeHints() }
            let kept = try JSONDecoder().decode(ReadSizeHints.Snapshot.self, from: Data(bytes))
            // Only what this program would have written: a hint for a PIN-protected file put there by hand is
            // dropped, never used.
            return ReadSizeHints(restoring: MyNumberCard.keepableSizeHints(in: ReadSizeHints(restoring: kept)))
        } catch {
            Output.note("Ignoring the size hints in \(path): \(description(of: error)). It is rewritten after this command.")
            return ReadSizeHints()
        }
    }

    /// Writes the keepable part of `hints` to `path`.
    static func save(_ hints: ReadSizeHints, to path: String?) {
        guard let path else { return }
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(MyNumberCard.keepableSizeHints(in: hints))
            try ProtectedFile.write(Array(data), to: path, mode: 0o600)
        } catch {
            Output.note("Cannot keep the size hints in \(path): \(description(of: error)).")
        }
    }

    private static func description(of error: any Error) -> String {
        if let error = error as? ProtectedFile.Failure { return error.reason }
        if error is DecodingError { return "not a size-hint file" }
        return "\(error)"
    }
}
