import MynaCard
import MynaCodec

extension CardEngine {
    /// The credential a VERIFY / CHANGE REFERENCE DATA addresses: P2 `80` = the current EF,
    /// `81`…`9E` = by SFI. Returns the status word to answer when there is none.
    func addressedCredential(_ command: CommandAPDU) -> Result<SimulatedCredential, StatusWordError> {
        let fid: UInt16
        switch command.p2 {
        case 0x80:
            guard let current = session.currentFile else { return .failure(StatusWordError(.noCurrentEF)) }
            fid = current
        case 0x81...0x9E:
            guard !faults.refusesShortFileIdentifiers else { return .failure(StatusWordError(.incorrectP1P2)) }
            fid = UInt16(command.p2 & 0x1F)
        default:
            return .failure(StatusWordError(.incorrectP1P2))
        }
        guard case .credential(let credential)? = applet?.files[fid]?.content else {
            return .failure(StatusWordError(.referencedDataNotFound))
        }
        return .success(credential)
    }

    /// VERIFY. Empty: spends nothing and answers as the profile says — `63Cx`; `9000` for a verified
    /// credential on cards that do so; `63C0` or `6984` when blocked; `6300` for a credential without a limit.
    /// Right value: 9000, counter back to its maximum. Wrong value: `63Cx` with the tries left (so `63C0` on
    /// the exhausting attempt; `6300` without a limit). Exhausted: `6984` whatever the value.
    mutating func verify(_ command: CommandAPDU) -> ResponseAPDU {
        guard command.p1 == 0x00 else { return ResponseAPDU(statusWord: .incorrectP1P2) }
        let credential: SimulatedCredential
        switch addressedCredential(command) {
        case .success(let found): credential = found
        case .failure(let error): return ResponseAPDU(statusWord: error.statusWord)
        }
        let left = tries[credential]
        if command.data.isEmpty {
            if left == 0 {
                return ResponseAPDU(
                    statusWord: profile.emptyVerifyWhenBlocked == .noTriesLeft ? Self.retriesStatus(0) : .referenceDataBlocked)
            }
            if profile.emptyVerifyWhenVerified == .success, verifiedInCurrentApplet.contains(credential) {
                return ResponseAPDU(statusWord: .success)
            }
            guard let left else { return ResponseAPDU(statusWord: .warningStateChanged) }
            return ResponseAPDU(statusWord: Self.retriesStatus(left))
        }
        if let left, left <= 0 { return ResponseAPDU(statusWord: .referenceDataBlocked) }
        if let expected = value(of: credential), Self.constantTimeEquals(expected, command.data) {
            if let maximum = credential.maximumTries(in: profile) { setTries(credential, maximum) }
            security.verified.insert(credential)
            return ResponseAPDU(statusWord: .success)
        }
        security.verified.remove(credential)
        guard let left else { return ResponseAPDU(statusWord: .warningStateChanged) }
        setTries(credential, left - 1)
        return ResponseAPDU(statusWord: Self.retriesStatus(left - 1))
    }

    /// CHANGE REFERENCE DATA `00 24 01 80 <new>` after a VERIFY of the same reference in this applet.
    mutating func changeReferenceData(_ command: CommandAPDU) -> ResponseAPDU {
        guard command.p1 == 0x01 else { return ResponseAPDU(statusWord: .incorrectP1P2) }
        return change(command, with: .changeReferenceData)
    }

    /// CHANGE KEY `80 32 00 80 <new>` after a VERIFY of the same reference (the common card and resident
    /// registry applets' `001C`).
    mutating func changeKey(_ command: CommandAPDU) -> ResponseAPDU {
        guard command.p1 == 0x00 else { return ResponseAPDU(statusWord: .incorrectP1P2) }
        return change(command, with: .changeKey)
    }

    /// Replaces a credential's value with the command its facts name.
    mutating func change(_ command: CommandAPDU, with method: ChangeCommand) -> ResponseAPDU {
        let credential: SimulatedCredential
        switch addressedCredential(command) {
        case .success(let found): credential = found
        case .failure(let error): return ResponseAPDU(statusWord: error.statusWord)
        }
        guard credential.change == method else { return ResponseAPDU(statusWord: .conditionsNotSatisfied) }
        if let left = tries[credential], left <= 0 { return ResponseAPDU(statusWord: .referenceDataBlocked) }
        guard verifiedInCurrentApplet.contains(credential) else {
            return ResponseAPDU(statusWord: .securityStatusNotSatisfied)
        }
        guard !command.data.isEmpty else { return ResponseAPDU(statusWord: .wrongLength) }
        guard credential.accepts(command.data) else { return ResponseAPDU(statusWord: .incorrectData) }
        changedValues[credential] = command.data
        if let maximum = credential.maximumTries(in: profile) { setTries(credential, maximum) }
        stateChanged = true
        return ResponseAPDU(statusWord: .success)
    }

    mutating func setTries(_ credential: SimulatedCredential, _ value: Int) {
        if tries[credential] != value {
            tries[credential] = value
            stateChanged = true
        }
    }

    /// `63Cx`, x = `left` (0…15).
    static func retriesStatus(_ left: Int) -> StatusWord {
        StatusWord(sw1: 0x63, sw2: 0xC0 | UInt8(clamping: min(max(left, 0), 15)))
    }

    /// Compares without an early exit, as a card would.
    static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(lhs, rhs) { difference |= a ^ b }
        return difference == 0
    }
}

/// A status word carried as a failure.
struct StatusWordError: Error {
    let statusWord: StatusWord
    init(_ statusWord: StatusWord) { self.statusWord = statusWord }
}
