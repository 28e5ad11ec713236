/// What PC/SC reports about a connected card (`SCardStatus`).
public struct PCSCCardStatus: Sendable, Hashable {
    /// The names of the reader holding the card.
    public let readerNames: [String]
    /// The protocol in use.
    public let activeProtocol: PCSCProtocols
    /// The card's answer to reset.
    public let atr: [UInt8]
    /// The raw state bits (`SCARD_ABSENT` … `SCARD_SPECIFIC`; pcsc-lite reports a bit field).
    public let state: UInt32

    /// Creates a value.
    public init(readerNames: [String], activeProtocol: PCSCProtocols, atr: [UInt8], state: UInt32) {
        self.readerNames = readerNames
        self.activeProtocol = activeProtocol
        self.atr = atr
        self.state = state
    }
}
