import Testing
@testable import MynaCodec

@Test func smoke() throws {
    let apdu = try CommandAPDU(ins: 0xB0, p1: 0x8A, p2: 0, ne: 65536)
    #expect(apdu.encoded() == [0, 0xB0, 0x8A, 0, 0, 0, 0])
}
