import FuzzSupport
@testable import MynaCard

// The certificate parsing entry points: DER (as read from EF 000A / 000B / 0001 / 0002) and PEM.

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutableRawPointer?, _ argv: UnsafeMutableRawPointer?) -> CInt {
    FuzzInput.writeSeedsIfAsked {
        [JPKIFile.authenticationCertificate, JPKIFile.authenticationCACertificate, JPKIFile.signatureCertificate,
         JPKIFile.signatureCACertificate].flatMap { SimulatedFiles.objects(.jpki, $0) }
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    if let certificate = try? CardCertificate(derEncoded: bytes) {
        FuzzInput.require(certificate.derEncoded == bytes, "the DER is kept as read")
        _ = certificate.description
        _ = certificate.subject
        _ = certificate.notValidAfter
        _ = certificate.rsaPublicKey.keySizeInBits
        _ = certificate.isSelfSigned
    }
    if bytes.first == UInt8(ascii: "-") {
        _ = try? CardCertificate(pemEncoded: String(decoding: bytes, as: UTF8.self))
    }
    return 0
}

@_cdecl("FuzzCertificate_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzInput.runDriver(argc, argv, fuzz)
}
