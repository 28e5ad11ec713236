/// The command a holder's credential is changed with, after a VERIFY of its current value in the same
/// selection of the applet.
///
/// An open set: the two the card is known to use are static members.
package struct ChangeCommand: Hashable, Sendable, CustomStringConvertible {
    /// The class byte.
    package let cla: UInt8
    /// The instruction byte.
    package let ins: UInt8
    /// P1.
    package let p1: UInt8
    /// P2 (`80`: the current key EF).
    package let p2: UInt8

    /// Creates a change command header.
    package init(cla: UInt8, ins: UInt8, p1: UInt8, p2: UInt8) {
        self.cla = cla
        self.ins = ins
        self.p1 = p1
        self.p2 = p2
    }

    /// CHANGE REFERENCE DATA `00 24 01 80 Lc <new>`: JPKI `0018`/`001B`, text `0011`.
    package static let changeReferenceData = ChangeCommand(cla: 0x00, ins: 0x24, p1: 0x01, p2: 0x80)
    /// CHANGE KEY `80 32 00 80 Lc <new>`: the common card and resident registry applets' `001C`.
    package static let changeKey = ChangeCommand(cla: 0x80, ins: 0x32, p1: 0x00, p2: 0x80)

    /// The command's name, or its header in hex.
    package var description: String {
        switch self {
        case .changeReferenceData: "CHANGE REFERENCE DATA"
        case .changeKey: "CHANGE KEY"
        default: "command \(Self.hex([cla, ins, p1, p2]))"
        }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789ABCDEF")
        return bytes.map { String([digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]]) }.joined(separator: " ")
    }
}
