/// A change seen by ``PCSCContext/readerEvents()``.
public enum PCSCReaderEvent: Sendable, Hashable {
    /// A reader is attached (or was attached when monitoring started).
    case readerAttached(reader: String)
    /// A reader was detached.
    case readerDetached(reader: String)
    /// A card is in the reader (or was when monitoring started).
    case cardInserted(PCSCCardPresence)
    /// The card was taken out of the reader (or its reader detached).
    case cardRemoved(reader: String)

    /// The reader the event concerns.
    public var reader: String {
        switch self {
        case .readerAttached(let reader), .readerDetached(let reader), .cardRemoved(let reader): reader
        case .cardInserted(let presence): presence.reader
        }
    }
}
