import MynaCodec
import MynaTransport

extension ISO7816Card {
    /// GET DATA `00 CA <tag> 00`: the value of one data object of the current level (the master file when no
    /// application is selected).
    ///
    /// Asks with a short Le first; a card that answers `6700` because the object does not fit in 256 bytes is
    /// asked again, once, with an extended Le (unless extended length is known not to work).
    ///
    /// - Parameter tag: the object's tag, one or two bytes (`0x0045`, `0x7F21`).
    /// - Throws: ``CardCommandError`` with the card's status word (`6A88` or `6A82`: no such object here).
    public func getData(tag: UInt16) async throws -> [UInt8] {
        let p1 = UInt8(tag >> 8)
        let p2 = UInt8(tag & 0xFF)
        let short = try CommandAPDU(ins: Instruction.getData.rawValue, p1: p1, p2: p2, ne: 256)
        var response = try await transmit(short)
        if response.statusWord == .wrongLength, capabilities.extendedLength != .unsupported {
            let extended = try CommandAPDU(ins: Instruction.getData.rawValue, p1: p1, p2: p2, ne: 65536)
            response = try await transmit(extended)
        }
        try Self.requireSuccess(response, .getData)
        return response.data
    }
}
