import MynaCard
import MynaCodec
import MynaISO7816

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

/// A fresh standard test card.
func makeTestCard(
    shortOnly: Bool = false, knownShortOnly: Bool = false, phoneToken: Bool = false,
    authorities: [CardRSAPublicKey] = [], policy: CardVerifiableAuthorityPolicy = .report,
    configure: (inout TestCardBuilder) -> Void = { _ in }
) throws -> (card: MyNumberCard, fake: FakeCard, builder: TestCardBuilder) {
    var builder = TestCardBuilder(keys: try TestKeys.shared())
    configure(&builder)
    let fake = try builder.makeCard(shortOnly: shortOnly, phoneToken: phoneToken)
    let capabilities = ISO7816Card.Capabilities(extendedLength: knownShortOnly ? .unsupported : .unknown)
    // Each key is registered as a production authority under the test card's issuer key identifiers.
    let registered = try authorities.flatMap { key in
        try ["9000033", "9000023"].map { digits in
            try CardVerifiableAuthority(
                name: "\(digits)/001", hierarchy: .production, keyIdentifier: Simulator.keyIdentifier(digits), publicKey: key)
        }
    }
    let card = MyNumberCard(
        transport: fake, capabilities: capabilities,
        cardVerifiableAuthorities: authorities.isEmpty ? CardVerifiableAuthority.known : registered,
        cardVerifiablePolicy: policy)
    return (card, fake, builder)
}
