/// A card found in a reader.
public struct PCSCCardPresence: Sendable, Hashable {
    /// The reader holding the card.
    public let reader: String
    /// The card's answer to reset.
    public let atr: [UInt8]

    /// Creates a value.
    public init(reader: String, atr: [UInt8]) {
        self.reader = reader
        self.atr = atr
    }
}
