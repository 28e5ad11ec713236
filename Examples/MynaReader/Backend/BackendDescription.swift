import MynaKit

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

    /// One line for stderr, in `language`.
    func notice(_ language: MessageLanguage) -> String {
        switch kind {
        case .pcsc:
            guard let reader else { return Words.text("backend.pcsc.anyReader", language) }
            return Words.text("backend.pcsc", language, reader.escapingControlCharacters)
        case .simulated:
            let persona = persona ?? "standard"
            switch (fallbackReason, stateFile) {
            case (nil, nil): return Words.text("backend.simulated", language, persona)
            case (nil, let stateFile?): return Words.text("backend.simulated.stateFile", language, persona, stateFile)
            case (let reason?, nil): return Words.text("backend.simulated.fallback", language, reason, persona)
            case (let reason?, let stateFile?):
                return Words.text("backend.simulated.fallback.stateFile", language, reason, persona, stateFile)
            }
        }
    }
}
