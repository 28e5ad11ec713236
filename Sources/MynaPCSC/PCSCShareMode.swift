/// How a connection shares the card with other applications.
public enum PCSCShareMode: Sendable, Hashable {
    /// Other applications may connect too; use transactions for sequences that must not be interleaved.
    case shared
    /// No other application may connect while this connection is open.
    case exclusive

    var rawValue: UInt32 {
        switch self {
        case .shared: PCSCLibrary.shareShared
        case .exclusive: PCSCLibrary.shareExclusive
        }
    }
}
