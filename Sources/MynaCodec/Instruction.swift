/// An instruction byte (INS) with its ISO/IEC 7816-4 name, for errors and traces.
///
/// The instructions the package sends are its own constants (`package`): an app meets an instruction only in
/// an error, where it is for people (``description``) and for logs (``rawValue``).
public struct Instruction: Hashable, Sendable, CustomStringConvertible {
    /// The INS byte.
    public let rawValue: UInt8

    /// Creates an instruction from its byte.
    package init(_ rawValue: UInt8) { self.rawValue = rawValue }

    /// `A4` SELECT.
    package static let select = Instruction(0xA4)
    /// `B0` READ BINARY.
    package static let readBinary = Instruction(0xB0)
    /// `B2` READ RECORD.
    package static let readRecord = Instruction(0xB2)
    /// `20` VERIFY.
    package static let verify = Instruction(0x20)
    /// `24` CHANGE REFERENCE DATA.
    package static let changeReferenceData = Instruction(0x24)
    /// `2A` PERFORM SECURITY OPERATION: COMPUTE DIGITAL SIGNATURE (class `80` on this card).
    package static let computeDigitalSignature = Instruction(0x2A)
    /// `84` GET CHALLENGE.
    package static let getChallenge = Instruction(0x84)
    /// `C0` GET RESPONSE.
    package static let getResponse = Instruction(0xC0)
    /// `CA` GET DATA.
    package static let getData = Instruction(0xCA)

    /// The command's name, or its hex value when it has none here.
    package var name: String {
        switch rawValue {
        case 0xA4: "SELECT"
        case 0xB0: "READ BINARY"
        case 0xB2: "READ RECORD"
        case 0x20: "VERIFY"
        case 0x24: "CHANGE REFERENCE DATA"
        case 0x2A: "COMPUTE DIGITAL SIGNATURE"
        case 0x84: "GET CHALLENGE"
        case 0xC0: "GET RESPONSE"
        case 0x88: "INTERNAL AUTHENTICATE"
        case 0x2C: "RESET RETRY COUNTER"
        case 0xCA: "GET DATA"
        default: "INS " + String(rawValue, radix: 16, uppercase: true)
        }
    }

    /// The command's name, such as `SELECT`, or `INS` and its hex value when it has none here.
    public var description: String { name }
}
