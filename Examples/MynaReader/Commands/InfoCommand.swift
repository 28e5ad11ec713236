import ArgumentParser
import MynaCard
import MynaCodec
import MynaISO7816
import MynaKit

/// `myna info`: what the card is and every retry counter, spending nothing.
struct InfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract:
            "Show the ATR, the card's master-file data, the applets present, the token kind and every retry counter — spending nothing.",
        discussion:
            "The card identification number, municipality and expiry come from GET DATA at the master-file level (after selecting the ISD), when the card answers. Counters are read with an empty VERIFY, which spends no try. Nothing personal is read.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(command: "info", options: global).run { context in try await InfoResult.read(context) }
    }
}

/// The result of `myna info`.
struct InfoResult: CommandResult {
    /// One applet and whether SELECT found it.
    struct Applet: Encodable, Sendable {
        var name: String
        var aid: String
        var present: Bool
    }

    /// The JPKI token info.
    struct Token: Encodable, Sendable {
        var label: String
        var kind: String
        var manufacturer: String
        var model: String
    }

    /// What GET DATA answered at the master-file level; each `nil` when the card does not answer it.
    struct MasterFile: Encodable, Sendable {
        var cardIdentificationNumber: String?
        var municipalityCode: String?
        var cardExpiry: String?
    }

    /// Which JPKI certificates the token says it holds.
    struct Certificates: Encodable, Sendable {
        var authentication: Bool
        var signature: Bool
    }

    var atr: String
    var masterFile: MasterFile
    var applets: [Applet]
    var token: Token?
    var certificates: Certificates?
    var cardExpiry: String?
    var counters: [CounterJSON]
    /// The language of the text output (never in JSON).
    var language: MessageLanguage

    private enum CodingKeys: String, CodingKey {
        case atr, masterFile, applets, token, certificates, cardExpiry, counters
    }

    /// The applets `info` looks for, by name.
    /// (Each one's words are `info.applet.<name>` in the string table.)
    static let applets: [(name: String, aid: ApplicationIdentifier)] = [
        ("jpki", .jpki),
        ("cardInfoInputSupport", .cardInfoInputSupport),
        ("cardFaceConfirmation", .cardFaceConfirmation),
        ("commonCard", .commonCard),
        ("residentRegistry", .residentRegistry),
    ]

    static func read(_ context: CommandContext) async throws -> InfoResult {
        let card = context.session.card
        // First, while no applet is current: the master-file objects answer only then.
        let data = try await card.masterFileData()
        let masterFile = MasterFile(
            cardIdentificationNumber: data.cardIdentificationNumber, municipalityCode: data.municipalityCode,
            cardExpiry: data.cardExpiry?.description)
        var applets: [Applet] = []
        for applet in Self.applets {
            applets.append(Applet(name: applet.name, aid: Hex.encode(applet.aid.bytes), present: try await card.isPresent(applet.aid)))
        }
        func present(_ name: String) -> Bool { applets.contains { $0.name == name && $0.present } }

        var token: Token?
        var certificates: Certificates?
        if present("jpki") {
            let info = try await card.jpki.tokenInfo()
            token = Token(label: info.label, kind: info.kind.description, manufacturer: info.manufacturerID, model: info.model)
            let presence = try await card.jpki.certificatePresence()
            certificates = Certificates(
                authentication: presence.hasAuthenticationCertificate, signature: presence.hasSignatureCertificate)
        }
        var cardExpiry: String?
        if present("commonCard") {
            cardExpiry = try await card.commonCard.cardIdentity().cardExpiry.description
        }
        let counters = try await CredentialCounters(card: card).counters(for: Credential.all)
        return InfoResult(
            atr: Hex.encode(context.session.atr), masterFile: masterFile, applets: applets, token: token, certificates: certificates,
            cardExpiry: cardExpiry, counters: counters.map(CounterJSON.init), language: context.options.messageLanguage)
    }

    var text: String {
        var lines = [Words.text("info.atr", language, spacedHex(atr))]
        if let token { lines.append(Words.text("info.token", language, token.label, token.kind)) }
        if masterFile.cardIdentificationNumber == nil && masterFile.municipalityCode == nil
            && masterFile.cardExpiry == nil
        {
            lines.append(Words.text("info.masterFile.none", language))
        } else {
            lines.append(Words.text("info.masterFile", language))
            let rows = [
                ("info.masterFile.cardIdentificationNumber", masterFile.cardIdentificationNumber),
                ("info.masterFile.municipalityCode", masterFile.municipalityCode),
                ("info.masterFile.cardExpiry", masterFile.cardExpiry),
            ]
            for (key, value) in rows {
                lines.append("  \(pad(Words.text(key, language), 26)) \(value ?? Words.text("info.notAnswered", language))")
            }
        }
        lines.append(Words.text("info.applets", language))
        for applet in applets {
            let label = Self.applets.contains { $0.name == applet.name } ? Words.text("info.applet.\(applet.name)", language) : applet.name
            lines.append("  \(pad(label, 26)) \(Words.text(applet.present ? "info.present" : "info.absent", language))")
        }
        if let certificates {
            lines.append(
                Words.text(
                    "info.certificates", language,
                    Words.text(certificates.authentication ? "info.present" : "info.absent", language),
                    Words.text(certificates.signature ? "info.present" : "info.absent", language)))
        }
        if let cardExpiry { lines.append(Words.text("info.cardExpiry", language, cardExpiry)) }
        lines.append(Words.text("info.counters", language))
        for counter in counters {
            lines.append("  \(pad(counter.credential, 26)) \(counter.summary(language))")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// A retry counter in JSON.
struct CounterJSON: Encodable, Sendable {
    var credential: String
    /// `remaining`, `blocked`, `absent` or `unreported`.
    var state: String
    var remaining: Int?
    var maximum: Int?

    init(_ counter: RetryCounter) {
        credential = counter.credential.name
        remaining = counter.remaining
        maximum = counter.credential.maximumTries
        switch counter.state {
        case .remaining: state = "remaining"
        case .blocked: state = "blocked"
        case .absent: state = "absent"
        case .unreported: state = "unreported"
        }
        if counter.state == .absent { remaining = nil }
    }

    /// `3 of 3 tries left`, `LOCKED after 3 wrong tries`, `not on this card`, `not reported by the card`, in
    /// `language`.
    func summary(_ language: MessageLanguage) -> String {
        switch state {
        case "remaining":
            let count = remaining ?? 0
            if let maximum {
                return count == 1
                    ? Words.text("counter.lastTryOf", language, count, maximum)
                    : Words.text("counter.triesLeftOf", language, count, maximum)
            }
            return count == 1 ? Words.text("counter.lastTry", language, count) : Words.text("counter.triesLeft", language, count)
        case "blocked":
            return maximum.map { Words.text("counter.lockedAfter", language, $0) } ?? Words.text("counter.locked", language)
        case "absent": return Words.text("counter.absent", language)
        default: return Words.text("counter.unreported", language)
        }
    }
}

/// Left-aligns `text` in `width` characters.
func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

/// `3BE000` → `3B E0 00`.
func spacedHex(_ hex: String) -> String {
    var result = ""
    for (index, character) in hex.enumerated() {
        if index > 0, index % 2 == 0 { result.append(" ") }
        result.append(character)
    }
    return result
}
