import MynaCodec
import MynaISO7816
import MynaTransport

/// A fake card and an ``ISO7816Card`` over it with the JPKI applet already selected and the log cleared.
func jpkiCard(
    _ options: FakeCard.Options = .init(), capabilities: ISO7816Card.Capabilities = .init(),
    jpki: FakeCard.Applet = Fixtures.jpkiApplet()
) async throws -> (FakeCard, ISO7816Card) {
    let fake = Fixtures.card(options, jpki: jpki)
    let card = ISO7816Card(transport: fake, capabilities: capabilities)
    try await card.select(Fixtures.jpki)
    fake.clearLog()
    return (fake, card)
}

/// The READ BINARY commands that read a TLV file of `total` bytes in 256-byte chunks, the first by SFI.
///
/// The first chunk asks for 256 bytes (the length is not known before the header is read); later ones ask
/// for at most what is left.
func shortReadSequence(total: Int, sfi: UInt8?) -> [String] {
    var out: [String] = []
    var offset = 0
    while offset < total {
        let count = offset == 0 ? 256 : min(256, total - offset)
        let le = Hex.encode([UInt8(truncatingIfNeeded: count)])
        if offset == 0, let sfi {
            out.append("00 B0 \(Hex.encode([0x80 | sfi])) 00 \(le)")
        } else {
            out.append("00 B0 \(Hex.encode([UInt8(offset >> 8)])) \(Hex.encode([UInt8(offset & 0xFF)])) \(le)")
        }
        offset += count
    }
    return out
}

/// The Le field of a READ BINARY asking for `count` bytes, as the fake card logs it.
func leField(_ count: Int) -> String {
    if count <= 256 { return Hex.encode([UInt8(truncatingIfNeeded: count)]) }
    let n = count == 65536 ? 0 : count
    return "00 " + Hex.encode([UInt8(n >> 8)]) + " " + Hex.encode([UInt8(n & 0xFF)])
}

/// The READ BINARY commands that read a TLV file of `total` bytes (filler after it) when the first command
/// asks for `first` bytes (the reader's estimate; by SFI when `sfi` is given) and every later one for
/// exactly what is left, at most `maxNe` at a time (65536 with extended length, 256 without).
func tlvReadSequence(total: Int, first: Int, maxNe: Int = 65536, sfi: UInt8?) -> [String] {
    var out: [String] = []
    let firstCount = min(first, maxNe)
    if let sfi {
        out.append("00 B0 \(Hex.encode([0x80 | sfi])) 00 \(leField(firstCount))")
    } else {
        out.append("00 B0 00 00 \(leField(firstCount))")
    }
    var offset = firstCount
    while offset < total {
        let count = min(maxNe, total - offset)
        out.append("00 B0 \(Hex.encode([UInt8(offset >> 8)])) \(Hex.encode([UInt8(offset & 0xFF)])) \(leField(count))")
        offset += count
    }
    return out
}

/// What the reader asks for first when it knows nothing of a file, on the default link (contactless type B
/// at 424 kbit/s): one APDU's worth of bytes, 242.
let coldFirstRead = 242
