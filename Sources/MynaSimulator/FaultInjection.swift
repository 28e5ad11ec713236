/// Faults a simulated card can be told to show, so that clients' error paths can be exercised.
///
/// All of them can be changed while the card is in use (``SimulatedCard/setFaults(_:)``).
public struct FaultInjection: Hashable, Sendable {
    /// After this many APDUs have been answered the card is pulled: every later command (and reset) throws
    /// ``/MynaTransport/TransportError/Code/cardRemoved`` until ``SimulatedCard/insert()``. `nil`: never.
    public var removeAfterCommands: Int?
    /// A mute card: no answer. Every command throws ``/MynaTransport/TransportError/Code/timeout`` after ``muteDelay``,
    /// as a transport's timeout would.
    public var isMute: Bool
    /// How long a mute card keeps the caller waiting before the timeout is thrown.
    public var muteDelay: Duration
    /// Answer like a T=0 card: a response with data to a command with data comes as `61xx` and must be
    /// fetched with GET RESPONSE; a wrong short Le is answered `6Cxx` with the exact length; extended APDUs
    /// are refused with `6700`. Exercises response normalisers.
    public var answersLikeT0: Bool
    /// Accept short APDUs only: an extended-length command is answered `6700` (and the applets' basic info
    /// files say "no extended length"), as behind a reader limited to short APDUs.
    public var shortAPDUsOnly: Bool
    /// Added before every answer, to model a slow card (`.zero`: immediate).
    public var responseDelay: Duration
    /// Refuse short EF identifiers, as a card that implements none: READ BINARY with P1 `80|SFI`, READ RECORD
    /// with an SFI in P2, and VERIFY, CHANGE REFERENCE DATA and COMPUTE DIGITAL SIGNATURE with P2 `80|SFI`
    /// answer `6A86` (wrong P1-P2), after the length checks. Exercises readers' SELECT fallbacks.
    public var refusesShortFileIdentifiers: Bool
    /// End a READ BINARY that returns fewer bytes than Ne — because the file ends — with `6282` (ISO/IEC 7816-4's
    /// "end of file reached before reading Ne bytes", which readers tolerate, card facts §3) instead of `9000`.
    public var warnsAtEndOfFile: Bool

    /// Creates a fault set; by default no fault.
    public init(
        removeAfterCommands: Int? = nil, isMute: Bool = false, muteDelay: Duration = .zero,
        answersLikeT0: Bool = false, shortAPDUsOnly: Bool = false, responseDelay: Duration = .zero,
        refusesShortFileIdentifiers: Bool = false, warnsAtEndOfFile: Bool = false
    ) {
        self.removeAfterCommands = removeAfterCommands
        self.isMute = isMute
        self.muteDelay = muteDelay
        self.answersLikeT0 = answersLikeT0
        self.shortAPDUsOnly = shortAPDUsOnly
        self.responseDelay = responseDelay
        self.refusesShortFileIdentifiers = refusesShortFileIdentifiers
        self.warnsAtEndOfFile = warnsAtEndOfFile
    }

    /// No fault: a healthy card.
    public static let none = FaultInjection()
}
