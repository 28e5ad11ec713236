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
