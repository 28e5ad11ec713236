/// What happens to the card when a connection ends or reconnects.
public enum PCSCDisposition: Sendable, Hashable {
    /// Leave the card as it is (selected applets and verified PINs stay, for the next application too).
    case leave
    /// Warm-reset the card: every selection and verified state is lost.
    case reset
    /// Power the card down (a cold reset when it is next used).
    case unpower
    /// Eject the card, where the reader can.
    case eject

    var rawValue: UInt32 {
        switch self {
        case .leave: PCSCLibrary.leaveCard
        case .reset: PCSCLibrary.resetCard
        case .unpower: PCSCLibrary.unpowerCard
        case .eject: PCSCLibrary.ejectCard
        }
    }
}
