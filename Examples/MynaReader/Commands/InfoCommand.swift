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

    /// The applets `info` looks for, by name.
    static let applets: [(name: String, label: String, aid: ApplicationIdentifier)] = [
        ("jpki", "JPKI", .jpki),
        ("cardInfoInputSupport", "card info input support", .cardInfoInputSupport),
        ("cardFaceConfirmation", "card face confirmation", .cardFaceConfirmation),
        ("commonCard", "common card", .commonCard),
        ("residentRegistry", "resident registry", .residentRegistry),
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
            cardExpiry: cardExpiry, counters: counters.map(CounterJSON.init))
    }

    var text: String {
        var lines = ["ATR:           \(spacedHex(atr))"]
        if let token { lines.append("Token:         \(token.label) (\(token.kind))") }
        if masterFile.cardIdentificationNumber == nil && masterFile.municipalityCode == nil
            && masterFile.cardExpiry == nil
        {
            lines.append("Master file:   no data objects answered (GET DATA)")
        } else {
            lines.append("Master file (GET DATA):")
            let rows = [
                ("card identification number", masterFile.cardIdentificationNumber),
                ("municipality code", masterFile.municipalityCode), ("card expiry", masterFile.cardExpiry),
            ]
            for (label, value) in rows {
                lines.append("  \(pad(label, 26)) \(value ?? "not answered")")
            }
        }
        let labels = Dictionary(uniqueKeysWithValues: Self.applets.map { ($0.name, $0.label) })
        lines.append("Applets:")
        for applet in applets {
            lines.append("  \(pad(labels[applet.name] ?? applet.name, 26)) \(applet.present ? "present" : "absent")")
        }
        if let certificates {
            lines.append(
                "Certificates:  user authentication \(certificates.authentication ? "present" : "absent"), signature \(certificates.signature ? "present" : "absent")"
            )
        }
        if let cardExpiry { lines.append("Card expiry:   \(cardExpiry)") }
        lines.append("Retry counters (empty VERIFY: nothing spent):")
        for counter in counters {
            lines.append("  \(pad(counter.credential, 26)) \(counter.summary)")
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
        maximum = counter.maximum
        switch counter.state {
        case .remaining: state = "remaining"
        case .blocked: state = "blocked"
        case .absent: state = "absent"
        case .unreported: state = "unreported"
        }
        if counter.state == .absent { remaining = nil }
    }

    /// `3 of 3 tries left`, `LOCKED (0 of 3)`, `not on this card`, `not reported by the card`.
    var summary: String {
        switch state {
        case "remaining":
            let of = maximum.map { " of \($0)" } ?? ""
            let count = remaining ?? 0
            return "\(count)\(of) \(count == 1 ? "try" : "tries") left" + (count == 1 ? " (last try!)" : "")
        case "blocked": return "LOCKED" + (maximum.map { " after \($0) wrong tries" } ?? "")
        case "absent": return "not on this card"
        default: return "not reported by the card"
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
