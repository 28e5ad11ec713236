import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator

/// The error `body` throws, if it is a ``MyNumberCardError``.
func cardError<T>(_ body: () async throws -> T) async -> MyNumberCardError? {
    do {
        _ = try await body()
        return nil
    } catch let error as MyNumberCardError {
        return error
    } catch {
        return nil
    }
}

/// The error `body` throws, whatever it is.
func anyError<T>(_ body: () async throws -> T) async -> (any Error)? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error
    }
}

/// `commands` without the log-out at their end (the SELECTs by DF name an operation that verified a
/// credential sends last: the ISD, and another applet where the card refuses the ISD).
func beforeLogOut(_ commands: [CommandAPDU]) -> [CommandAPDU] {
    var commands = commands
    while let last = commands.last, last.isSelectApplet { commands.removeLast() }
    return commands
}

/// The log-out at the end of `commands`: its SELECTs by DF name, the ISD first.
func logOutSelects(_ commands: [CommandAPDU]) -> [CommandAPDU] {
    Array(commands.suffix(commands.count - beforeLogOut(commands).count))
}

extension CommandAPDU {
    /// A VERIFY that carries a value (spends a try when wrong).
    var isVerifyWithData: Bool { ins == 0x20 && !data.isEmpty }
    var isEmptyVerify: Bool { ins == 0x20 && data.isEmpty }
    var isSelectApplet: Bool { ins == 0xA4 && p1 == 0x04 }
    var isSelectFile: Bool { ins == 0xA4 && p1 == 0x02 }
    var isReadBinary: Bool { ins == 0xB0 }
}

/// A simulated card for the reader tests, behind a recorder of every command (``commands``) and a layer that
/// injects status words (``injection``): MyNumberCard → recorder → injection → the simulated card.
final class SimulatedTestCard: Sendable {
    let simulated: SimulatedCard
    let injection: StatusWordInjection
    let counter: CountingTransport

    init(_ simulated: SimulatedCard) {
        self.simulated = simulated
        injection = StatusWordInjection(simulated)
        counter = CountingTransport(injection)
    }

    /// What a reader is to talk to.
    var transport: CountingTransport { counter }
    /// The card's contents.
    var image: CardImage { simulated.image }
    /// Every command sent, injected answers included.
    var commands: [CommandAPDU] { counter.commands }
    /// Forgets the commands sent so far.
    func clearLog() { counter.clear() }
    /// The tries left of a credential.
    func tries(_ credential: SimulatedCredential) -> Int? { simulated.triesRemaining(credential) }
    /// Sets the tries left of a credential.
    func setTries(_ credential: SimulatedCredential, _ tries: Int) { simulated.setTriesRemaining(tries, of: credential) }
    /// Answers every empty VERIFY with `answer` — a card that does not report its counter (`9000`, `6300`)
    /// or reports it blocked in its own way — and passes everything else on.
    func answerEmptyVerify(with answer: StatusWord) {
        injection.inject(answer, for: .init(ins: 0x20, data: []), times: nil)
    }
}

/// Which card-verifiable authorities a test card's reader trusts.
enum TrustedAuthorities {
    /// MynaKit's known ones only: the simulator's certificates come from an unknown authority.
    case known
    /// The simulator's own authorities, registered as production ones.
    case simulator
    /// A wrong key (the card key) registered under the simulator's authority key identifiers.
    case wrongKey
}

/// The standard persona's card as built on ``Simulator/now``, built once.
private let standardImage: Result<CardImage, SimulatorError> = Result { () throws(SimulatorError) in
    try CardImage(persona: .standard, now: Simulator.now)
}

/// A fresh simulated card (the standard persona unless told otherwise) and a ``MyNumberCard`` over it.
///
/// - Parameters:
///   - persona: the holder and card.
///   - shortOnly: the card takes short APDUs only.
///   - knownShortOnly: the reader knows it before it starts.
///   - refusesShortFileIdentifiers: the card refuses every short-EF-identifier form (`6A86`).
///   - authorities: which card-verifiable authorities the reader trusts.
///   - policy: what the reader does with an unauthenticated issuer.
///   - edit: changes to the card image (a replaced file, a reissued integrity record).
func makeTestCard(
    persona: Persona = .standard, shortOnly: Bool = false, knownShortOnly: Bool = false,
    refusesShortFileIdentifiers: Bool = false, authorities: TrustedAuthorities = .known,
    policy: CardVerifiableAuthorityPolicy = .report, image edit: (CardImage) throws -> CardImage = { $0 }
) throws -> (card: MyNumberCard, sim: SimulatedTestCard, image: CardImage) {
    let base = persona == .standard ? try standardImage.get() : try CardImage(persona: persona, now: Simulator.now)
    let image = try edit(base)
    let sim = SimulatedTestCard(
        SimulatedCard(
            image: image,
            faults: FaultInjection(shortAPDUsOnly: shortOnly, refusesShortFileIdentifiers: refusesShortFileIdentifiers)))
    let capabilities = ISO7816Card.Capabilities(extendedLength: knownShortOnly ? .unsupported : .unknown)
    let registered: [CardVerifiableAuthority]
    switch authorities {
    case .known:
        registered = CardVerifiableAuthority.known
    case .simulator:
        registered = try Simulator.authorities(image, hierarchy: .production)
    case .wrongKey:
        let key = try CardRSAPublicKey(image.cardPublicKey)
        registered = try ["9000033", "9000023"].map { digits in
            try CardVerifiableAuthority(
                name: "\(digits)/001", hierarchy: .production, keyIdentifier: Simulator.keyIdentifier(digits), publicKey: key)
        }
    }
    let card = MyNumberCard(
        transport: sim.transport, capabilities: capabilities, cardVerifiableAuthorities: registered,
        cardVerifiablePolicy: policy)
    return (card, sim, image)
}

/// `bytes` followed by `FF` filler up to `size` bytes, as a fixed-size card file stores them.
func filled(_ bytes: [UInt8], to size: Int) -> [UInt8] {
    bytes + [UInt8](repeating: 0xFF, count: max(0, size - bytes.count))
}

/// The content of a transparent file of `image` (empty when there is none).
func content(_ image: CardImage, _ application: ApplicationIdentifier, _ file: UInt16) -> [UInt8] {
    image.fileContent(application: application, file: FileIdentifier(file)) ?? []
}

/// The first data object of a card file and the range of one of its children's values in the file's bytes.
func valueRange(of tag: UInt32, in file: [UInt8]) throws -> Range<Int> {
    let outer = try BERTLV.parseFirst(file[...])
    guard let node = outer.child(BERTag(tag)) else { throw TestSupportError("no \(String(tag, radix: 16)) in the file") }
    return node.value.startIndex..<node.value.endIndex
}

/// `file` with the value of its child `tag` replaced by `value` of the same length.
func replacingValue(of tag: UInt32, in file: [UInt8], with value: [UInt8]) throws -> [UInt8] {
    let range = try valueRange(of: tag, in: file)
    guard range.count == value.count else { throw TestSupportError("the new value has another length") }
    var copy = file
    copy.replaceSubrange(range, with: value)
    return copy
}
