import MynaCard

/// What the app observed, as input to ``Diagnosis/init(_:)``.
public struct DiagnosisObservations: Sendable {
    /// The error an operation threw (``MynaKitError``, `MyNumberCardError`, `TransportError`, or
    /// anything else).
    public var error: (any Error)?
    /// The card's lock state, when it could be read (``QualificationCheck/lockState()``).
    public var lockState: CardLockState?
    /// The certificate's validity status, when known.
    public var certificateValidity: ValidityStatus?
    /// Whether the card itself has expired, when known.
    public var cardExpired: Bool?
    /// The operator's observation: does **another** card read fine on **this** reader? `true`: the reader
    /// works, so a card that does not answer is itself at fault; `false`: other cards fail too, so the
    /// reader is at fault; `nil`: not tried.
    public var anotherCardReadsFineOnThisReader: Bool?
    /// The operator's other observation: does **this** card read fine on **another** reader? `true`: the card
    /// works, so **this reader** is at fault; `false`: the card fails everywhere, so the card is at fault;
    /// `nil`: not tried.
    ///
    /// The clinics' chart asks "does it read fine elsewhere?" in both directions; whichever the operator tried,
    /// the conclusion follows from the one thing that was swapped.
    public var thisCardReadsFineOnAnotherReader: Bool?
    /// What answers as the JPKI applet, when known (``QualificationCheck/tokenKind()``): on a smartphone's
    /// token only PIN mode applies (``QualificationCheck/modes(for:)``), whatever its counters say.
    public var tokenKind: TokenKind?

    /// Creates observations.
    public init(
        error: (any Error)? = nil, lockState: CardLockState? = nil, certificateValidity: ValidityStatus? = nil,
        cardExpired: Bool? = nil, anotherCardReadsFineOnThisReader: Bool? = nil,
        thisCardReadsFineOnAnotherReader: Bool? = nil
    ) {
        self.thisCardReadsFineOnAnotherReader = thisCardReadsFineOnAnotherReader
        self.error = error
        self.lockState = lockState
        self.certificateValidity = certificateValidity
        self.cardExpired = cardExpired
        self.anotherCardReadsFineOnThisReader = anotherCardReadsFineOnThisReader
    }
}
