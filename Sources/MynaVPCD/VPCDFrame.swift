/// The vpcd wire protocol: every message, both ways, is a 2-byte big-endian length followed by that many
/// bytes.
///
/// A 1-byte message from vpcd is a control code; a longer one is a command APDU, answered with a message
/// holding the response data and status word. Only ``Control/getATR`` is answered among control codes.
enum VPCDFrame {
    /// The largest body a frame can carry (its length field is 16 bits).
    static let maximumBodyCount = 0xFFFF
    /// The size of the length prefix.
    static let headerCount = 2

    /// A control code from vpcd.
    struct Control: Hashable, Sendable, CustomStringConvertible {
        let rawValue: UInt8

        /// Remove power from the card.
        static let powerOff = Control(rawValue: 0x00)
        /// Power the card on (a cold reset).
        static let powerOn = Control(rawValue: 0x01)
        /// Warm-reset the card.
        static let reset = Control(rawValue: 0x02)
        /// Send the answer to reset.
        static let getATR = Control(rawValue: 0x04)

        var description: String {
            switch self {
            case .powerOff: "power off"
            case .powerOn: "power on"
            case .reset: "reset"
            case .getATR: "get ATR"
            default: "control 0x" + String(rawValue, radix: 16)
            }
        }
    }

    /// The length prefix for a body of `count` bytes (at most ``maximumBodyCount``).
    static func header(count: Int) -> [UInt8] {
        [UInt8(truncatingIfNeeded: count >> 8), UInt8(truncatingIfNeeded: count)]
    }

    /// The body length a prefix announces.
    static func bodyCount(header b0: UInt8, _ b1: UInt8) -> Int {
        Int(b0) << 8 | Int(b1)
    }
}
