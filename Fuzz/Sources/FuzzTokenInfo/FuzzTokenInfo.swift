import FuzzSupport
@testable import MynaCard

// The JPKI applet's small fixed files: token info (EF 0006, 160 bytes) and certificate presence (EF 0008).

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutableRawPointer?, _ argv: UnsafeMutableRawPointer?) -> CInt {
    FuzzInput.writeSeedsIfAsked {
        SimulatedFiles.contents(.jpki, JPKIFile.tokenInfo) + SimulatedFiles.contents(.jpki, JPKIFile.certificatePresence)
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    if let info = try? TokenInfo(bytes) {
        FuzzInput.require(info.rawValue == bytes, "the raw value is the input")
        FuzzInput.require(info.hardwareVersion.count == 2 && info.firmwareVersion.count == 2, "two version bytes")
        _ = info.kind
        _ = info.label
    }
    if let presence = try? CertificatePresence(Array(bytes.prefix(3))) {
        _ = presence
    }
    return 0
}

@_cdecl("FuzzTokenInfo_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzInput.runDriver(argc, argv, fuzz)
}
