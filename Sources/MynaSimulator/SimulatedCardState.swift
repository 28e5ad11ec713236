import Foundation
import MynaCard

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

    /// Reads a state file.
    ///
    /// - Throws: ``SimulatorError/Code/stateFile`` when it cannot be read or decoded.
    public init(contentsOf url: URL) throws(SimulatorError) {
        do {
            let data = try Data(contentsOf: url)
            self = try JSONDecoder().decode(SimulatedCardState.self, from: data)
        } catch {
            throw SimulatorError(.stateFile, "cannot read the card state \(url.path): \(error)")
        }
    }

    /// Writes the state file atomically with owner-only permissions.
    ///
    /// - Throws: ``SimulatorError/Code/stateFile`` when it cannot be written.
    public func write(to url: URL) throws(SimulatorError) {
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(self).write(to: url, options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
        } catch {
            throw SimulatorError(.stateFile, "cannot write the card state \(url.path): \(error)")
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
