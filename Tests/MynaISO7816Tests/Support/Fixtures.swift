import MynaCodec
import MynaISO7816

/// Card contents shaped like the My Number Card's, with made-up values.
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

    /// Token info: exactly 160 bytes.
    static let tokenInfo: [UInt8] = Array("JPKIAPICCTOKEN2                 ".utf8) + (0..<128).map { UInt8($0) }

    /// The individual-number file: `FF 10 0C` + 12 ASCII digits + `FF FF` filler (17 bytes).
    static let numberFile: [UInt8] = [0xFF, 0x10, 0x0C] + Array("123456789018".utf8) + [0xFF, 0xFF]

    /// A DigestInfo for SHA-256 over a made-up hash (51 bytes).
    static let digestInfo: [UInt8] =
        [0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20]
        + (0..<32).map { UInt8($0 &* 5 &+ 1) }

    /// The JPKI applet with the certificate, token info, the authentication key and its PIN `1234` (3 tries).
    static func jpkiApplet(
        certificate: [UInt8] = certificateFile, pinTriesLeft: Int = 3, extraFiles: [UInt16: FakeCard.ElementaryFile] = [:]
    ) -> FakeCard.Applet {
        var files: [UInt16: FakeCard.ElementaryFile] = [
            0x000A: .init(certificate),
            0x0006: .init(tokenInfo),
        ]
        files.merge(extraFiles) { _, new in new }
        return FakeCard.Applet(
            aid: jpkiAID,
            files: files,
            pins: [0x0018: .init("1234", tries: 3, triesLeft: pinTriesLeft)],
            keys: [0x0017: 0x0018])
    }

    /// The text applet with the number file behind PIN `1234` (EF `0011`).
    static func textApplet() -> FakeCard.Applet {
        FakeCard.Applet(
            aid: textAID,
            files: [0x0001: .init(numberFile, readPIN: 0x0011)],
            pins: [0x0011: .init("1234", tries: 3)])
    }

    /// A fake card with both applets.
    static func card(_ options: FakeCard.Options = .init(), jpki: FakeCard.Applet = jpkiApplet()) -> FakeCard {
        FakeCard(applets: [jpki, textApplet()], options: options)
    }

    /// `00 A4 04 0C 0A` + the JPKI AID.
    static let selectJPKI = "00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01"
    /// `00 A4 04 0C 0A` + the text AID.
    static let selectText = "00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08"
}
