import FuzzSupport
import MynaCodec

// Command APDU decoding: whatever decodes encodes back to the same bytes, its case and length agree with
// the bytes, and the description never shows the data of a PIN-carrying command.

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutableRawPointer?, _ argv: UnsafeMutableRawPointer?) -> CInt {
    FuzzInput.writeSeedsIfAsked { SimulatedSession.commands }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    guard let command = try? CommandAPDU(decoding: bytes) else { return 0 }
    FuzzInput.require(command.encoded() == bytes, "decode then encode gives the input back")
    FuzzInput.require(command.encodedCount == bytes.count, "encodedCount")
    FuzzInput.require(command.data.count <= CommandAPDU.maximumDataCount, "Nc in range")
    if let ne = command.ne { FuzzInput.require((1...CommandAPDU.maximumExpectedLength).contains(ne), "Ne in range") }
    let description = command.description
    if command.carriesSecret, command.data.count >= 3 {
        FuzzInput.require(!description.contains(Hex.encode(command.data)), "the description shows a PIN")
    }
    // The same bytes as a slice with a non-zero start index.
    let shifted = [0xEE] + bytes
    FuzzInput.require((try? CommandAPDU(decoding: shifted.dropFirst())) == command, "slice decoding agrees")
    // Resending with another Ne (6Cxx) keeps the header and the data.
    if let resent = try? command.withExpectedLength(command.ne == nil ? 1 : nil) {
        FuzzInput.require(resent.data == command.data && resent.ins == command.ins, "withExpectedLength keeps the command")
        FuzzInput.require((try? CommandAPDU(decoding: resent.encoded())) == resent, "a resent command round-trips")
    }
    return 0
}

@_cdecl("FuzzCommandAPDU_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzInput.runDriver(argc, argv, fuzz)
}
