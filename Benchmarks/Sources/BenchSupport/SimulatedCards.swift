import Foundation
import MynaCard
import MynaISO7816
import MynaSimulator

/// The simulated cards the benchmarks read, built once.
public enum SimulatedCards {
    /// The standard persona's card image.
    public static let standardImage: CardImage = {
        do {
            return try CardImage(persona: .standard)
        } catch {
            fatalError("the standard persona's card cannot be built: \(error)")
        }
    }()

    /// The standard persona.
    public static var persona: Persona { standardImage.persona }

    /// A fresh card: all tries, nothing selected. `shortOnly`: it answers `6700` to extended length.
    public static func card(shortOnly: Bool = false) -> SimulatedCard {
        SimulatedCard(image: standardImage, faults: FaultInjection(shortAPDUsOnly: shortOnly))
    }

    /// PIN-B (照合番号B) of the standard persona, for the card face applet.
    public static var pinB: Passcode {
        get throws { try Passcode(.cardFacePINB, persona.pinB) }
    }

    /// The physical bytes of an EF of the standard card.
    public static func file(_ application: ApplicationIdentifier, _ file: FileIdentifier) -> [UInt8] {
        standardImage.fileContent(application: application, file: file) ?? []
    }
}
