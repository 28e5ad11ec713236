import Foundation
import MynaCard
import MynaTransport

/// What a simulated card keeps across power cycles: the persona it was built from, the day it was built,
/// retry counters and PINs changed by CHANGE REFERENCE DATA. Saved as JSON, so that a locked PIN stays
/// locked across restarts of a test or of `myna vpcd`.
///
/// A state file holds the persona's PINs: it is test data, written with owner-only permissions.
public struct SimulatedCardState: Hashable, Sendable, Codable {
    /// The persona.
    public var persona: Persona
    /// The day the card was built (fixes "now"-relative certificate validity when the card is rebuilt).
    public var buildDate: CalendarDate
    /// Retry counters by credential name (a ``SimulatedCredential``'s `rawValue`).
    public var triesRemaining: [String: Int]
    /// Values changed by CHANGE REFERENCE DATA, by credential name. Secret.
    var changedReferenceData: [String: String]

    /// The state of a freshly issued card.
    public init(persona: Persona, buildDate: CalendarDate) {
        self.persona = persona
        self.buildDate = buildDate
        self.triesRemaining = [:]
        self.changedReferenceData = [:]
    }

    /// The largest state file read: 1 MiB (a state with the largest persona is some 60 KiB).
    public static let maximumFileSize = 1 << 20

    /// Reads a state file.
    ///
    /// - Throws: ``SimulatorError/Code/stateFile`` when it does not exist, cannot be read, is larger than
    ///   ``maximumFileSize`` (found out without reading more than one byte past it) or cannot be decoded.
    public init(contentsOf url: URL) throws(SimulatorError) {
        let bytes: [UInt8]?
        do {
            bytes = try ProtectedFile.read(url.path, limit: Self.maximumFileSize)
        } catch {
            throw SimulatorError(.stateFile, "cannot read the card state: \(error.reason)")
        }
        guard let bytes else { throw SimulatorError(.stateFile, "the card state \(url.path) does not exist") }
        do {
            self = try JSONDecoder().decode(SimulatedCardState.self, from: Data(bytes))
        } catch {
            throw SimulatorError(.stateFile, "cannot read the card state \(url.path): \(error)")
        }
    }

    /// Writes the state file atomically, created with owner-only permissions from the start (a new file
    /// renamed over the old one).
    ///
    /// - Throws: ``SimulatorError/Code/stateFile`` when it cannot be written.
    public func write(to url: URL) throws(SimulatorError) {
        let encoded: Data
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoded = try encoder.encode(self)
        } catch {
            throw SimulatorError(.stateFile, "cannot encode the card state: \(error)")
        }
        do {
            try ProtectedFile.write(Array(encoded), to: url.path)
        } catch {
            throw SimulatorError(.stateFile, "cannot write the card state: \(error.reason)")
        }
    }

    /// The tries left of a credential as recorded here, if recorded.
    public func tries(_ credential: SimulatedCredential) -> Int? { triesRemaining[credential.rawValue] }
}

extension SimulatedCardState: CustomStringConvertible {
    /// The persona identifier and counters; never the changed values.
    public var description: String {
        let counters = triesRemaining.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        return "SimulatedCardState(\(persona.identifier), built \(buildDate), \(counters))"
    }
}
