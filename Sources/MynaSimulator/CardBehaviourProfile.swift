/// How a simulated card behaves where real My Number Cards differ from one another (card facts §3, §4).
///
/// Chosen per card: ``SimulatedCard`` takes one (by default ``standard(for:)`` of its persona), so a test can
/// run the same reader against every variant (``variants``).
///
/// ```swift
/// let card = try SimulatedCard(persona: .standard, profile: .emptyVerifySucceedsWhenVerified)
/// ```
public struct CardBehaviourProfile: Hashable, Sendable, CustomStringConvertible {
    /// What an empty VERIFY (`00 20 00 80`, spends nothing) answers for a credential verified in the current
    /// applet.
    public enum VerifiedAnswer: Hashable, Sendable {
        /// `63Cx`, the tries left, as if not verified (OpenSC's observation; the default).
        case retriesRemaining
        /// `9000` (some cards, per [MC]).
        case success
    }

    /// What an empty VERIFY answers for a blocked credential.
    public enum BlockedAnswer: Hashable, Sendable {
        /// `63C0` (the default).
        case noTriesLeft
        /// `6984`, reference data not usable.
        case referenceDataBlocked
    }

    /// A short name for test output, e.g. `standard` or `6F00 after power-up`.
    public var name: String
    /// The answer to reset.
    public var atr: [UInt8]
    /// Empty VERIFY on a verified credential.
    public var emptyVerifyWhenVerified: VerifiedAnswer
    /// Empty VERIFY on a blocked credential.
    public var emptyVerifyWhenBlocked: BlockedAnswer
    /// The retry limit the card gives the credentials whose limit the facts do not establish (PIN-A, the
    /// birth-date key, the common and resident registry `001C`); `nil`: no limit, so that an empty VERIFY
    /// answers `6300` and a wrong value spends nothing.
    public var limitWhereNotEstablished: Int?
    /// Whether the first command after a power-up answers `6F00` (a real card does; off by default, as most
    /// readers hide it).
    public var failsFirstCommandAfterPowerUp: Bool
    /// Whether `80 FC 00 00` (the iPhone token's last-command indicator) is accepted; cards answer `6700`.
    public var acceptsLastCommandIndicator: Bool

    /// Creates a profile.
    public init(
        name: String, atr: [UInt8] = CardBehaviourProfile.contactATR,
        emptyVerifyWhenVerified: VerifiedAnswer = .retriesRemaining, emptyVerifyWhenBlocked: BlockedAnswer = .noTriesLeft,
        limitWhereNotEstablished: Int? = 10, failsFirstCommandAfterPowerUp: Bool = false,
        acceptsLastCommandIndicator: Bool = false
    ) {
        self.name = name
        self.atr = atr
        self.emptyVerifyWhenVerified = emptyVerifyWhenVerified
        self.emptyVerifyWhenBlocked = emptyVerifyWhenBlocked
        self.limitWhereNotEstablished = limitWhereNotEstablished
        self.failsFirstCommandAfterPowerUp = failsFirstCommandAfterPowerUp
        self.acceptsLastCommandIndicator = acceptsLastCommandIndicator
    }

    /// The profile's ``name``.
    public var description: String { name }

    // MARK: Answers to reset

    /// The contact ATR OpenSC's JPKI driver lists: `3B E0 00 FF 81 31 FE 45 14`.
    public static let contactATR: [UInt8] = [0x3B, 0xE0, 0x00, 0xFF, 0x81, 0x31, 0xFE, 0x45, 0x14]
    /// Another contact ATR seen on real cards: `3B C5 FF 81 31 FB 45 80 73 C6 01 00 00`.
    public static let secondContactATR: [UInt8] = [
        0x3B, 0xC5, 0xFF, 0x81, 0x31, 0xFB, 0x45, 0x80, 0x73, 0xC6, 0x01, 0x00, 0x00,
    ]

    /// The ATR a PC/SC reader synthesises for an ISO 14443-4 Type B card from its ATQB (PC/SC part 3):
    /// `3B 88 80 01` ‖ application data (4 bytes) ‖ protocol info (3 bytes) ‖ `MBLI << 4` ‖ TCK (the XOR of
    /// every byte after `3B`). `3B 88 80 01 00 00 05 E0 B3 81 A1 00 7F` is one seen from a My Number Card.
    ///
    /// - Parameters:
    ///   - applicationData: ATQB bytes 6–9 (4 bytes; fewer are zero-padded, more are cut).
    ///   - protocolInfo: ATQB bytes 10–12 (3 bytes; likewise).
    ///   - maximumBufferLengthIndex: MBLI from the ATTRIB answer (0…15).
    public static func contactlessATR(
        applicationData: [UInt8], protocolInfo: [UInt8], maximumBufferLengthIndex: UInt8 = 0
    ) -> [UInt8] {
        func exactly(_ bytes: [UInt8], _ count: Int) -> [UInt8] {
            Array(bytes.prefix(count)) + [UInt8](repeating: 0, count: max(0, count - bytes.count))
        }
        let body: [UInt8] =
            [0x88, 0x80, 0x01] + exactly(applicationData, 4) + exactly(protocolInfo, 3)
            + [(maximumBufferLengthIndex & 0x0F) << 4]
        return [0x3B] + body + [body.reduce(0, ^)]
    }

    /// The contactless ATR of the card facts' example ATQB.
    public static let contactlessExampleATR = contactlessATR(
        applicationData: [0x00, 0x00, 0x05, 0xE0], protocolInfo: [0xB3, 0x81, 0xA1])

    // MARK: Profiles

    /// The default: contact ATR, empty VERIFY `63Cx` after a success and `63C0` when blocked, 10 tries for
    /// credentials whose limit is not established, no `6F00` after power-up, `80 FC` refused.
    public static let standard = CardBehaviourProfile(name: "standard")

    /// The default profile for a persona: the iPhone token accepts `80 FC 00 00`.
    public static func standard(for kind: Persona.Kind) -> CardBehaviourProfile {
        guard kind == .iPhoneToken else { return .standard }
        var profile = CardBehaviourProfile.standard
        profile.name = "iPhone token"
        profile.acceptsLastCommandIndicator = true
        return profile
    }

    /// Empty VERIFY answers `9000` for a verified credential.
    public static let emptyVerifySucceedsWhenVerified = CardBehaviourProfile(
        name: "9000 on empty VERIFY when verified", emptyVerifyWhenVerified: .success)
    /// Empty VERIFY answers `6984` for a blocked credential.
    public static let emptyVerifyBlocked6984 = CardBehaviourProfile(
        name: "6984 on empty VERIFY when blocked", emptyVerifyWhenBlocked: .referenceDataBlocked)
    /// Credentials whose limit is not established have none: empty VERIFY `6300`.
    public static let noLimitWhereNotEstablished = CardBehaviourProfile(
        name: "no limit where not established (6300)", limitWhereNotEstablished: nil)
    /// The first command after a power-up answers `6F00`.
    public static let failsFirstCommand = CardBehaviourProfile(
        name: "6F00 after power-up", failsFirstCommandAfterPowerUp: true)
    /// The second contact ATR.
    public static let secondContact = CardBehaviourProfile(name: "contact ATR 3B C5", atr: secondContactATR)
    /// A contactless card (ATR synthesised from the ATQB).
    public static let contactless = CardBehaviourProfile(name: "contactless", atr: contactlessExampleATR)

    /// Every variant, for tests parameterised over them; the first is ``standard``.
    public static let variants: [CardBehaviourProfile] = [
        .standard, .emptyVerifySucceedsWhenVerified, .emptyVerifyBlocked6984, .noLimitWhereNotEstablished,
        .failsFirstCommand, .secondContact, .contactless,
        CardBehaviourProfile(
            name: "every variant at once", atr: contactlessExampleATR, emptyVerifyWhenVerified: .success,
            emptyVerifyWhenBlocked: .referenceDataBlocked, limitWhereNotEstablished: nil,
            failsFirstCommandAfterPowerUp: true),
    ]
}
