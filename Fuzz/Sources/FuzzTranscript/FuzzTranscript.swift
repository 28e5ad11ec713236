import FuzzSupport
import MynaTransport

// The transcript reader: any text either parses or gives a typed error, and what parses renders to text
// that parses to the same transcript.

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutableRawPointer?, _ argv: UnsafeMutableRawPointer?) -> CInt {
    FuzzInput.writeSeedsIfAsked { SimulatedSession.transcripts.map { Array($0.utf8) } }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: FuzzInput.bytes(data, size), as: UTF8.self)
    guard let transcript = try? Transcript(parsing: text) else { return 0 }
    let rendered = transcript.rendered()
    guard let again = try? Transcript(parsing: rendered) else {
        FuzzInput.require(false, "a rendered transcript does not parse")
        return 0
    }
    FuzzInput.require(again.entries == transcript.entries, "render then parse gives the same entries")
    return 0
}

@_cdecl("FuzzTranscript_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzInput.runDriver(argc, argv, fuzz)
}
