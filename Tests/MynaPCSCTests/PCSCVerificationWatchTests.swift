import MynaCodec
import Testing

@testable import MynaPCSC

/// What counts as "this connection verified a credential" (the closing disposition depends on it).
@Suite struct PCSCVerificationWatchTests {
    @Test("a VERIFY with data answered 9000 counts; an empty VERIFY, a wrong value or another command does not")
    func whatCounts() throws {
        let verify = try CommandAPDU(ins: 0x20, p1: 0x00, p2: 0x80, data: Array("1234".utf8))
        let secureVerify = try CommandAPDU(cla: 0x08, ins: 0x20, p1: 0x00, p2: 0x80, data: [0x86, 0x01, 0x00])
        let empty = try CommandAPDU(ins: 0x20, p1: 0x00, p2: 0x80)
        let select = try CommandAPDU(ins: 0xA4, p1: 0x04, p2: 0x0C, data: [0xA0, 0x00, 0x00, 0x01, 0x51, 0x00, 0x00])
        let ok = ResponseAPDU(statusWord: .success)
        #expect(PCSCConnection.isSuccessfulVerification(verify, ok))
        #expect(PCSCConnection.isSuccessfulVerification(secureVerify, ok))
        #expect(!PCSCConnection.isSuccessfulVerification(empty, ok))
        #expect(!PCSCConnection.isSuccessfulVerification(select, ok))
        #expect(!PCSCConnection.isSuccessfulVerification(verify, ResponseAPDU(statusWord: StatusWord(sw1: 0x63, sw2: 0xC2))))
        #expect(!PCSCConnection.isSuccessfulVerification(verify, ResponseAPDU(statusWord: StatusWord(sw1: 0x69, sw2: 0x84))))
    }
}
