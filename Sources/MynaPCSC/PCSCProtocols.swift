/// The transmission protocols a connection accepts (ISO/IEC 7816-3 T=0 and T=1).
public struct PCSCProtocols: OptionSet, Sendable, Hashable, CustomStringConvertible {
    /// The PC/SC protocol bits (`SCARD_PROTOCOL_T0` = 1, `SCARD_PROTOCOL_T1` = 2).
    public let rawValue: UInt32

    /// Wraps PC/SC protocol bits.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// T=0, the character protocol.
    public static let t0 = PCSCProtocols(rawValue: PCSCLibrary.protocolT0)
    /// T=1, the block protocol (every My Number Card uses it).
    public static let t1 = PCSCProtocols(rawValue: PCSCLibrary.protocolT1)
    /// Either; the reader picks the card's.
    public static let any: PCSCProtocols = [.t0, .t1]

    /// `T=0`, `T=1`, `T=0 or T=1`.
    public var description: String {
        switch self {
        case .t0: "T=0"
        case .t1: "T=1"
        case .any: "T=0 or T=1"
        case []: "none"
        default: "protocols 0x" + String(rawValue, radix: 16)
        }
    }
}
