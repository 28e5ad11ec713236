/// Which card a command ran on, as reported in every JSON document (`backend`) and, for the simulated
/// card, on stderr.
struct BackendDescription: Encodable, Sendable {
    /// How the card is reached.
    enum Kind: String, Encodable, Sendable {
        /// A PC/SC reader (pcscd on Linux).
        case pcsc
        /// The simulated card embedded in the example (MynaSimulator).
        case simulated
    }

    /// How the card is reached.
    var kind: Kind
    /// The PC/SC reader's name.
    var reader: String?
    /// The simulated card's persona.
    var persona: String?
    /// The simulated card's state file, when its counters persist.
    var stateFile: String?
    /// Why the simulated card is used although none was asked for (no service, no reader, no card).
    var fallbackReason: String?

    /// One line for stderr.
    var notice: String {
        switch kind {
        case .pcsc:
            return "Using the card in \(reader?.escapingControlCharacters ?? "the reader")"
        case .simulated:
            var text = "Using the simulated card"
            if let fallbackReason { text += " (\(fallbackReason))" }
            text += ", persona \(persona ?? "standard")"
            if let stateFile { text += ", state in \(stateFile)" }
            return text
        }
    }
}
