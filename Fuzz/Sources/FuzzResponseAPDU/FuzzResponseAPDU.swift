import FuzzSupport
@testable import MynaCodec

// Response APDU decoding and status-word classification: the status word is kept exactly, the data is
// everything before it, and description and category never trap.

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutableRawPointer?, _ argv: UnsafeMutableRawPointer?) -> CInt {
    FuzzInput.writeSeedsIfAsked { SimulatedSession.exchanges.map(\.response) }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    guard let response = try? ResponseAPDU(decoding: bytes) else {
        FuzzInput.require(bytes.count < 2, "two or more bytes must decode")
        return 0
    }
    FuzzInput.require(response.encoded() == bytes, "decode then encode gives the input back")
    FuzzInput.require(response.data.count == bytes.count - 2, "the data is all but the status word")
    let sw = response.statusWord
    FuzzInput.require(sw.sw1 == bytes[bytes.count - 2] && sw.sw2 == bytes[bytes.count - 1], "the status word is kept")
    FuzzInput.require(StatusWord(rawValue: sw.rawValue) == sw, "raw value round-trips")
    _ = sw.category
    _ = sw.isSuccess
    _ = sw.description
    _ = response.description
    let shifted = [0xEE] + bytes
    FuzzInput.require((try? ResponseAPDU(decoding: shifted.dropFirst())) == response, "slice decoding agrees")
    return 0
}

@_cdecl("FuzzResponseAPDU_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzInput.runDriver(argc, argv, fuzz)
}
