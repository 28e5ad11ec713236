import MynaCodec
import MynaTransport
import Synchronization

/// A layer in front of a card — usually a ``SimulatedCard`` — that answers chosen commands with a chosen
/// status word instead of passing them on: a card that answers `6581` (memory failure) to one READ
/// BINARY, `6F00` to a SIGN, `6A82` to the second SELECT. Every other command, reset and transaction goes
/// to the card unchanged.
///
/// ```swift
/// let card = StatusWordInjection(try SimulatedCard(persona: .standard))
/// card.inject(StatusWord(0x6581), forInstruction: 0xB0)          // the next READ BINARY fails once
/// ```
public final class StatusWordInjection: CardTransportLayer, Sendable {
    /// Which commands a rule answers.
    public struct Match: Sendable {
        /// The instruction byte.
        public var ins: UInt8
        /// P1, or `nil` for any.
        public var p1: UInt8?
        /// P2, or `nil` for any.
        public var p2: UInt8?
        /// The command data, or `nil` for any.
        public var data: [UInt8]?
        /// Whether only commands that name their EF or key by short EF identifier match: READ BINARY with P1
        /// `80|SFI`, READ RECORD with an SFI in P2, any other instruction with P2 `80|SFI` (VERIFY, CHANGE
        /// REFERENCE DATA, COMPUTE DIGITAL SIGNATURE) — for a card that refuses that form for one instruction.
        public var byShortIdentifier: Bool

        /// A match on the instruction and, when given, P1, P2, the data and the short-identifier form.
        public init(
            ins: UInt8, p1: UInt8? = nil, p2: UInt8? = nil, data: [UInt8]? = nil, byShortIdentifier: Bool = false
        ) {
            self.ins = ins
            self.p1 = p1
            self.p2 = p2
            self.data = data
            self.byShortIdentifier = byShortIdentifier
        }

        /// Whether `command` is one this matches.
        public func matches(_ command: CommandAPDU) -> Bool {
            command.ins == ins && (p1 == nil || command.p1 == p1) && (p2 == nil || command.p2 == p2)
                && (data == nil || command.data == data) && (!byShortIdentifier || Self.namesByShortIdentifier(command))
        }

        /// Whether `command` names its EF or key by short EF identifier.
        static func namesByShortIdentifier(_ command: CommandAPDU) -> Bool {
            switch command.ins {
            case 0xB0: command.p1 & 0x80 != 0
            case 0xB2: command.p2 >> 3 != 0
            default: (0x81...0x9E).contains(command.p2)
            }
        }
    }

    private struct Rule {
        var match: Match
        var statusWord: StatusWord
        var skip: Int
        var remaining: Int?
    }

    /// The card underneath.
    public let base: any CardTransport
    private let rules = Mutex<[Rule]>([])
    private let injected = Mutex<[CommandAPDU]>([])

    /// Wraps `base`; nothing is injected until ``inject(_:for:after:times:)`` says so.
    public init(_ base: any CardTransport) { self.base = base }

    /// ``base``.
    public var wrappedTransport: any CardTransport { base }

    /// Answers commands that match with `statusWord` (and no data) instead of sending them to the card.
    ///
    /// - Parameters:
    ///   - statusWord: the answer.
    ///   - match: which commands get it.
    ///   - after: how many matching commands pass to the card first.
    ///   - times: how many matching commands are answered so; `nil`: every one from then on.
    public func inject(_ statusWord: StatusWord, for match: Match, after: Int = 0, times: Int? = 1) {
        rules.withLock { $0.append(Rule(match: match, statusWord: statusWord, skip: max(0, after), remaining: times)) }
    }

    /// Answers the next command with instruction `ins` with `statusWord`; see ``inject(_:for:after:times:)``.
    ///
    /// - Parameters:
    ///   - statusWord: the answer.
    ///   - ins: the instruction byte of the commands that get it.
    ///   - after: how many matching commands pass to the card first.
    ///   - times: how many matching commands are answered so; `nil`: every one from then on.
    public func inject(_ statusWord: StatusWord, forInstruction ins: UInt8, after: Int = 0, times: Int? = 1) {
        inject(statusWord, for: Match(ins: ins), after: after, times: times)
    }

    /// The commands answered with an injected status word so far (they never reached the card).
    public var injectedCommands: [CommandAPDU] { injected.withLock { $0 } }

    /// Answers `command` with an injected status word when a rule matches it, else sends it to the card.
    public func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU {
        let statusWord: StatusWord? = rules.withLock { rules in
            guard let index = rules.firstIndex(where: { $0.match.matches(command) && $0.remaining != 0 }) else {
                return nil
            }
            if rules[index].skip > 0 {
                rules[index].skip -= 1
                return nil
            }
            if let remaining = rules[index].remaining { rules[index].remaining = remaining - 1 }
            return rules[index].statusWord
        }
        guard let statusWord else { return try await base.transmit(command) }
        injected.withLock { $0.append(command) }
        return ResponseAPDU(statusWord: statusWord)
    }
}
