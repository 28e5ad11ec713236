import MynaCodec
import MynaISO7816
import MynaSimulator
import MynaTransport

/// How the simulated card deviates from the most capable one (simulator faults and injections).
struct CardOptions: Sendable {
    /// Whether extended-length APDUs are accepted; if not, every extended APDU gets `6700`.
    var extendedLength = true
    /// Whether short EF identifiers work; if not, READ BINARY, VERIFY and signing by SFI get `6A86`.
    var shortFileIdentifiers = true
    /// T=0 behaviour: no extended APDUs (`6700`), `6Cxx` when Ne asks for more bytes than there are, and
    /// `61xx` (data fetched by GET RESPONSE) for case 4 commands.
    var t0 = false
    /// Whether a READ BINARY that returns fewer bytes than Ne because the file ends answers `6282`
    /// (ISO/IEC 7816-4) rather than `9000`.
    var warnsAtEndOfFile = false
    /// Whether VERIFY takes the reference by short EF identifier (P2 `80|SFI`). The facts establish it in
    /// clear only in mock tests (card facts §3), so by default the card refuses it (`6A86`): the conservative
    /// card, on which the reader must fall back to SELECT + P2 `80`.
    var verifyByShortIdentifier = false
}

/// The simulated card the ISO 7816 tests talk to, behind a recorder of every command (as spaced upper-case
/// hex, ``commands``), so tests can assert the exact APDU sequence a call produced.
///
/// The chain: recorder (``counter``) → injected status words (``injection``) → ``simulated``.
final class TestCard: Sendable {
    let simulated: SimulatedCard
    let injection: StatusWordInjection
    let counter: CountingTransport

    init(_ options: CardOptions = CardOptions(), image: CardImage? = nil) throws {
        let faults = FaultInjection(
            answersLikeT0: options.t0, shortAPDUsOnly: !options.extendedLength,
            refusesShortFileIdentifiers: !options.shortFileIdentifiers, warnsAtEndOfFile: options.warnsAtEndOfFile)
        simulated = SimulatedCard(image: try image ?? Fixtures.image(), faults: faults)
        injection = StatusWordInjection(simulated)
        if !options.verifyByShortIdentifier {
            injection.inject(.incorrectP1P2, for: .init(ins: 0x20, byShortIdentifier: true), times: nil)
        }
        counter = CountingTransport(injection)
    }

    /// What the card under test is reached through.
    var transport: CountingTransport { counter }

    /// Every command received, as spaced hex (`00 B0 8A 00 00 00 00`).
    var commands: [String] { counter.commands.map { Hex.encode($0.encoded(), separator: " ") } }

    /// The commands received with instruction `ins`.
    func commands(ins: UInt8) -> [String] {
        counter.commands.filter { $0.ins == ins }.map { Hex.encode($0.encoded(), separator: " ") }
    }

    /// How many READ BINARY commands were received.
    var readBinaryCount: Int { counter.commands.filter { $0.ins == 0xB0 }.count }

    /// Forgets the log (to assert the sequence of a later call only).
    func clearLog() { counter.clear() }

    /// The tries left of a credential.
    func triesLeft(_ credential: SimulatedCredential) -> Int? { simulated.triesRemaining(credential) }
}

/// A simulated card and an ``ISO7816Card`` over it with the JPKI applet already selected and the log cleared.
func jpkiCard(
    _ options: CardOptions = CardOptions(), capabilities: ISO7816Card.Capabilities = .init(), image: CardImage? = nil
) async throws -> (TestCard, ISO7816Card) {
    let fake = try TestCard(options, image: image)
    let card = ISO7816Card(transport: fake.transport, capabilities: capabilities)
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

/// The Le field of a READ BINARY asking for `count` bytes, as the recorder logs it.
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
