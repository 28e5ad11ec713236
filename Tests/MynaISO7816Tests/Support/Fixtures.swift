import Foundation
import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator

/// What the ISO 7816 tests read: the simulated standard card, with a synthetic certificate of a chosen size in
/// EF `000A` and any extra files a test adds to the JPKI applet.
enum Fixtures {
    /// The JPKI applet's AID.
    static let jpkiAID: [UInt8] = [0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01]
    /// The card info input support ("text") applet's AID.
    static let textAID: [UInt8] = [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08]
    static let jpki = ApplicationIdentifier(constant: jpkiAID)
    static let text = ApplicationIdentifier(constant: textAID)

    /// EF `000A`, the user-authentication certificate.
    static let certificateFID = FileIdentifier(0x000A)
    /// EF `0006`, token info.
    static let tokenInfoFID = FileIdentifier(0x0006)
    /// EF `0017`, the user-authentication key.
    static let authenticationKeyFID = FileIdentifier(0x0017)
    /// EF `0018`, the user-authentication PIN.
    static let authenticationPINFID = FileIdentifier(0x0018)
    /// EF `0001` of the text applet, the individual number.
    static let numberFID = FileIdentifier(0x0001)
    /// EF `0011` of the text applet, its PIN.
    static let textPINFID = FileIdentifier(0x0011)

    /// A single DER-like data object of exactly `total` bytes (tag `30`), its value a deterministic pattern.
    static func tlv(totalLength total: Int, seed: UInt8 = 7) -> [UInt8] {
        precondition(total >= 2 && total <= 65535 + 4)
        let header: [UInt8]
        if total - 2 <= 0x7F {
            header = [0x30, UInt8(total - 2)]
        } else if total - 3 <= 0xFF {
            header = [0x30, 0x81, UInt8(total - 3)]
        } else {
            let value = total - 4
            header = [0x30, 0x82, UInt8(value >> 8), UInt8(value & 0xFF)]
        }
        let value = (0..<(total - header.count)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed)) }
        return header + value
    }

    /// `30 82 05 DC` + 1500 value bytes (1504 in all) followed by `FF` filler up to 2048 bytes: a 1.5 KB
    /// certificate in a 2 KB EF.
    static let certificate: [UInt8] = tlv(totalLength: 1504)
    static let certificateFile: [UInt8] = certificate + Array(repeating: 0xFF, count: 2048 - 1504)

    /// A fixed "today" for the simulated card (2026-01-15), so that every image is built alike.
    static let now = Date(timeIntervalSince1970: 1_768_478_400)

    /// The standard persona's card, built once.
    static let standard: Result<CardImage, SimulatorError> = Result { () throws(SimulatorError) in
        try CardImage(persona: .standard, now: now)
    }

    /// The card's token info: exactly 160 bytes.
    static var tokenInfo: [UInt8] {
        (try? standard.get())?.fileContent(application: .jpki, file: tokenInfoFID) ?? []
    }

    /// The individual-number file: `FF 10 0C` + 12 ASCII digits + `FF FF` filler (17 bytes), behind the
    /// text applet's PIN `1234` (EF `0011`).
    static var numberFile: [UInt8] {
        (try? standard.get())?.fileContent(application: .cardInfoInputSupport, file: numberFID) ?? []
    }

    /// A DigestInfo for SHA-256 over a made-up hash (51 bytes).
    static let digestInfo: [UInt8] =
        [0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20]
        + (0..<32).map { UInt8($0 &* 5 &+ 1) }

    /// The standard card with `certificate` in EF `000A` and `extraFiles` (FID → bytes, free to read) added to
    /// or replacing files of the JPKI applet; the user-authentication PIN is `1234` (3 tries).
    static func image(certificate: [UInt8] = certificateFile, extraFiles: [UInt16: [UInt8]] = [:]) throws -> CardImage {
        var image = try standard.get().replacingFile(certificateFID, of: .jpki, with: certificate)
        for (fid, bytes) in extraFiles { image = image.replacingFile(FileIdentifier(fid), of: .jpki, with: bytes) }
        return image
    }

    /// Whether `signature` is the user-authentication key's PKCS#1 v1.5 signature of `payload` (as given).
    static func isAuthenticationSignature(_ signature: [UInt8], of payload: [UInt8]) throws -> Bool {
        guard let key = try standard.get().authenticationPublicKey else { return false }
        return try CardRSAPublicKey(key).isValidSignature(signature, forPayload: payload)
    }

    /// `00 A4 04 0C 0A` + the JPKI AID.
    static let selectJPKI = "00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01"
    /// `00 A4 04 0C 0A` + the text AID.
    static let selectText = "00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08"
}
