import Foundation
import Logging
import MynaCodec
import MynaTransport
import Synchronization

/// A simulated My Number Card behind the transport protocol: a stateful card that answers every APDU as
/// a real card would — every status word — so that any client can be tested without a card or a reader.
///
/// Safe to use from many tasks: the card's state sits behind a mutex, and each APDU is answered atomically.
/// ``reset()`` is a warm reset: back to the master-file level, but — as on real cards — what was verified
/// stays verified for the next program that selects the same applet. ``powerOff()`` (and removal) clears it.
/// Where real cards differ, a ``CardBehaviourProfile`` says how this one behaves. Only injected faults
/// (``FaultInjection``) throw ``/MynaTransport/TransportError``: `cardRemoved` and `timeout`.
///
/// ```swift
/// let card = try SimulatedCard(persona: .standard)
/// let response = try await card.transmit(CommandAPDU(ins: 0xA4, p1: 0x04, p2: 0x0C, data: jpkiAID))
/// ```
public final class SimulatedCard: CardTransport, PowerControlledCard, Sendable {
    /// The default answer to reset: the contact ATR OpenSC's JPKI driver lists (`3B E0 00 FF 81 31 FE 45 14`).
    public static let defaultATR: [UInt8] = CardBehaviourProfile.contactATR

    /// Answers to reset seen on real cards (card facts §4), for callers that want to vary it.
    public static let knownATRs: [String: [UInt8]] = [
        "contact": CardBehaviourProfile.contactATR,
        "contact2": [
            0x3B, 0xDA, 0x13, 0xFF, 0x81, 0x31, 0xFB, 0x46, 0x80, 0x12, 0x39, 0x2F, 0x31, 0xC1, 0x73, 0xC6, 0x01,
            0xC0, 0x3B,
        ],
        "contact3": CardBehaviourProfile.secondContactATR,
        "contactless": CardBehaviourProfile.contactlessExampleATR,
        "contactless2": CardBehaviourProfile.contactlessATR(
            applicationData: [0x00, 0x4B, 0x51, 0xFF], protocolInfo: [0x00, 0x81, 0xD1]),
    ]

    /// Everything on the card.
    public let image: CardImage
    /// How the card behaves where real cards differ.
    public let profile: CardBehaviourProfile
    /// The answer to reset.
    public let atr: [UInt8]
    /// Where counters and changed PINs are saved after every change, if anywhere.
    public let stateFile: URL?

    private struct Machine {
        var engine: CardEngine
        var isPresent = true
        var answeredCount = 0
    }

    private let machine: Mutex<Machine>
    private let logger: Logger?

    /// Creates a card from its image and optional saved counters.
    ///
    /// - Parameters:
    ///   - image: the card's contents.
    ///   - state: counters and changed PINs to start from (must be for the same persona); `nil`: as issued.
    ///   - profile: how the card behaves where real cards differ; `nil`: the persona's
    ///     (``CardBehaviourProfile/standard(for:)``).
    ///   - atr: the answer to reset; `nil`: the profile's.
    ///   - faults: faults to show from the start.
    ///   - stateFile: where to save the state after every counter or PIN change.
    ///   - logger: where to log commands (trace level, PINs and card data redacted); `nil`: no logging.
    public init(
        image: CardImage, state: SimulatedCardState? = nil, profile: CardBehaviourProfile? = nil, atr: [UInt8]? = nil,
        faults: FaultInjection = .none, stateFile: URL? = nil, logger: Logger? = nil
    ) {
        let profile = profile ?? CardBehaviourProfile.standard(for: image.persona.kind)
        var tries: [SimulatedCredential: Int] = [:]
        var changed: [SimulatedCredential: [UInt8]] = [:]
        for credential in image.credentials {
            tries[credential] = state?.tries(credential) ?? image.initialTries(of: credential, profile: profile)
            if let value = state?.changedReferenceData[credential.rawValue] { changed[credential] = Array(value.utf8) }
        }
        self.image = image
        self.profile = profile
        self.atr = atr ?? profile.atr
        self.stateFile = stateFile
        self.logger = logger
        self.machine = Mutex(
            Machine(
                engine: CardEngine(image: image, profile: profile, tries: tries, changedValues: changed, faults: faults)))
    }

    /// Builds a card for a persona.
    ///
    /// - Throws: ``SimulatorError`` when the persona is invalid.
    public convenience init(
        persona: Persona, profile: CardBehaviourProfile? = nil, atr: [UInt8]? = nil, faults: FaultInjection = .none,
        now: Date = Date(), logger: Logger? = nil
    ) throws(SimulatorError) {
        self.init(
            image: try CardImage(persona: persona, now: now), profile: profile, atr: atr, faults: faults, logger: logger)
    }

    /// Restores a card from a saved state (the card is rebuilt from the state's persona and build date).
    ///
    /// - Parameters:
    ///   - state: the saved state: persona, build date, counters and changed PINs.
    ///   - stateFile: where to keep saving the state after every counter or PIN change; `nil`: nowhere.
    ///   - profile: how the card behaves where real cards differ; `nil`: the persona's.
    ///   - atr: the answer to reset; `nil`: the profile's.
    ///   - faults: faults to show from the start.
    ///   - logger: where to log commands (trace level, PINs and card data redacted); `nil`: no logging.
    public convenience init(
        state: SimulatedCardState, stateFile: URL? = nil, profile: CardBehaviourProfile? = nil, atr: [UInt8]? = nil,
        faults: FaultInjection = .none, logger: Logger? = nil
    ) throws(SimulatorError) {
        let image = try CardImage(persona: state.persona, now: state.buildDate.instant(hour: 12))
        self.init(
            image: image, state: state, profile: profile, atr: atr, faults: faults, stateFile: stateFile, logger: logger)
    }

    /// Opens the card saved in `stateFile`, or issues a new one for `persona` there when the file does not
    /// exist yet; afterwards every counter or PIN change is saved to it.
    public static func persistent(
        stateFile: URL, persona: Persona, profile: CardBehaviourProfile? = nil, atr: [UInt8]? = nil,
        faults: FaultInjection = .none, now: Date = Date(), logger: Logger? = nil
    ) throws(SimulatorError) -> SimulatedCard {
        if FileManager.default.fileExists(atPath: stateFile.path) {
            let state = try SimulatedCardState(contentsOf: stateFile)
            return try SimulatedCard(
                state: state, stateFile: stateFile, profile: profile, atr: atr, faults: faults, logger: logger)
        }
        let card = SimulatedCard(
            image: try CardImage(persona: persona, now: now), profile: profile, atr: atr, faults: faults,
            stateFile: stateFile, logger: logger)
        try card.save(to: stateFile)
        return card
    }

    // MARK: State

    /// A snapshot of the counters and changed PINs.
    public var state: SimulatedCardState {
        machine.withLock { Self.state(of: $0.engine, image: image) }
    }

    private static func state(of engine: CardEngine, image: CardImage) -> SimulatedCardState {
        var state = SimulatedCardState(persona: image.persona, buildDate: image.buildDate)
        for (credential, tries) in engine.tries { state.triesRemaining[credential.rawValue] = tries }
        for (credential, value) in engine.changedValues {
            state.changedReferenceData[credential.rawValue] = String(decoding: value, as: UTF8.self)
        }
        return state
    }

    /// Saves the counters and changed PINs.
    public func save(to url: URL) throws(SimulatorError) {
        try state.write(to: url)
    }

    /// The credentials verified in the applet that is current now (empty at the master-file level): what a
    /// program that sends no VERIFY could use. For tests.
    public var verifiedCredentials: Set<SimulatedCredential> {
        machine.withLock { $0.engine.verifiedInCurrentApplet }
    }

    /// The credentials whose verified state the card holds, whether or not their applet is current (it
    /// survives a warm reset and re-selecting the applet). For tests.
    public var heldSecurityStatus: Set<SimulatedCredential> {
        machine.withLock { $0.engine.security.verified }
    }

    /// The tries left of a credential, or `nil` when the card has no such credential or it has no limit.
    public func triesRemaining(_ credential: SimulatedCredential) -> Int? {
        machine.withLock { $0.engine.tries[credential] }
    }

    /// Sets the tries left of a credential, as if wrong values had been entered (or the counter reset) — for
    /// tests that start from "one try left" or "blocked" in the middle of a session. The value is clamped to
    /// 0…the credential's limit on this card; a credential the card lacks, or one without a limit, is left
    /// alone. Saved to ``stateFile`` with the next command that changes the state.
    ///
    /// - Returns: the tries left now, or `nil` when nothing was set.
    @discardableResult
    public func setTriesRemaining(_ tries: Int, of credential: SimulatedCredential) -> Int? {
        machine.withLock { machine in
            guard machine.engine.tries[credential] != nil, let maximum = credential.maximumTries(in: profile) else {
                return nil
            }
            let value = min(max(tries, 0), maximum)
            machine.engine.setTries(credential, value)
            return value
        }
    }

    /// The faults the card currently shows.
    public var faults: FaultInjection { machine.withLock { $0.engine.faults } }

    /// Changes the faults the card shows; the removal count starts again from now.
    public func setFaults(_ faults: FaultInjection) {
        machine.withLock {
            $0.engine.faults = faults
            $0.answeredCount = 0
        }
    }

    /// Whether the card is in the reader.
    public var isPresent: Bool { machine.withLock { $0.isPresent } }

    /// Pulls the card out: every command throws ``/MynaTransport/TransportError/Code/cardRemoved`` until ``insert()``.
    public func remove() {
        machine.withLock { $0.isPresent = false }
    }

    /// Puts the card (back) in: powered up afresh (nothing selected, nothing verified), counters kept.
    public func insert() {
        machine.withLock {
            $0.isPresent = true
            $0.answeredCount = 0
            $0.engine.powerOn()
        }
    }

    /// How many APDUs the card has answered since it was inserted or its faults were set.
    public var answeredCommandCount: Int { machine.withLock { $0.answeredCount } }

    // MARK: Answering

    /// Answers the bytes of one command APDU with the bytes of the response, at once (no delays): the entry
    /// point for byte-level clients such as a vpcd bridge or a fuzzer. Malformed input gets a status word
    /// (`6700`), never a crash.
    ///
    /// - Throws: ``/MynaTransport/TransportError`` `cardRemoved` when the card is out (or is pulled by this command's
    ///   injected removal), `timeout` when the card is mute, `backendFailure` when the command changed a
    ///   counter or a PIN and the state file cannot be written (the change is kept in memory).
    public func respond(to bytes: [UInt8]) throws(TransportError) -> [UInt8] {
        let response = try machine.withLock { machine throws(TransportError) -> [UInt8] in
            guard machine.isPresent else { throw TransportError(.cardRemoved, "the simulated card was removed") }
            if let limit = machine.engine.faults.removeAfterCommands, machine.answeredCount >= limit {
                machine.isPresent = false
                throw TransportError(.cardRemoved, "the simulated card was removed after \(limit) commands")
            }
            if machine.engine.faults.isMute {
                throw TransportError(.timeout, "the simulated card is mute")
            }
            machine.answeredCount += 1
            let response = machine.engine.respond(to: bytes)
            if machine.engine.stateChanged, let stateFile {
                // Saved under the lock, so that saves are never reordered: the file always holds the latest state.
                machine.engine.stateChanged = false
                do throws(SimulatorError) {
                    try Self.state(of: machine.engine, image: image).write(to: stateFile)
                } catch {
                    // A counter that silently does not persist would reset on the next run: the command fails.
                    logger?.debug("cannot save the simulated card's state", metadata: ["error": "\(error)"])
                    let reason: String = error.reason
                    throw TransportError(
                        .backendFailure,
                        "the simulated card's state could not be saved (\(reason)); the change is kept in memory only")
                }
            }
            return response
        }
        logger?.trace(
            "simulated card",
            metadata: [
                "command": "\(Self.redactedDescription(of: bytes))",
                "status": "\(Hex.encode(response.suffix(2)))", "responseLength": "\(response.count - 2)",
            ])
        return response
    }

    /// As ``respond(to:)``, after the injected response delay (or, for a mute card, the mute delay).
    public func transmit(raw bytes: [UInt8]) async throws -> [UInt8] {
        let faults = self.faults
        if faults.isMute {
            if faults.muteDelay > .zero { try await Task.sleep(for: faults.muteDelay) }
        } else if faults.responseDelay > .zero {
            try await Task.sleep(for: faults.responseDelay)
        }
        return try respond(to: bytes)
    }

    /// Sends one command APDU and returns the card's response.
    public func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU {
        let bytes = try await transmit(raw: command.encoded())
        return try ResponseAPDU(decoding: bytes)
    }

    /// Warm reset (`SCARD_RESET_CARD`): back to the master-file level and any pending response lost; the
    /// security status survives — as on real cards, re-selecting the applet finds it verified — and counters
    /// are kept.
    ///
    /// - Returns: the ATR.
    /// - Throws: ``/MynaTransport/TransportError/Code/cardRemoved`` when the card is out.
    @discardableResult
    public func reset() async throws -> [UInt8] {
        try machine.withLock { machine throws(TransportError) in
            guard machine.isPresent else { throw TransportError(.cardRemoved, "the simulated card was removed") }
            machine.engine.reset()
        }
        return atr
    }

    /// Power-off (`SCARD_UNPOWER_CARD`, or leaving the field): selection and security status are lost,
    /// counters kept. The next command (or ``powerOn()``) powers the card up again, as pcscd does on demand.
    ///
    /// - Throws: ``/MynaTransport/TransportError/Code/cardRemoved`` when the card is out.
    public func powerOff() async throws {
        try machine.withLock { machine throws(TransportError) in
            guard machine.isPresent else { throw TransportError(.cardRemoved, "the simulated card was removed") }
            machine.engine.powerOff()
        }
    }

    /// Power-up (a cold reset): nothing selected, nothing verified; with
    /// ``CardBehaviourProfile/failsFirstCommandAfterPowerUp`` the next command answers `6F00`.
    ///
    /// - Returns: the ATR.
    /// - Throws: ``/MynaTransport/TransportError/Code/cardRemoved`` when the card is out.
    @discardableResult
    public func powerOn() async throws -> [UInt8] {
        try machine.withLock { machine throws(TransportError) in
            guard machine.isPresent else { throw TransportError(.cardRemoved, "the simulated card was removed") }
            machine.engine.powerOn()
        }
        return atr
    }

    /// The command's header and length, with any PIN-carrying data redacted.
    static func redactedDescription(of bytes: [UInt8]) -> String {
        guard let command = try? CommandAPDU(decoding: bytes) else { return "\(bytes.count) malformed bytes" }
        return command.description
    }
}
