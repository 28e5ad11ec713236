import MynaCard
import MynaSimulator

extension Simulator {
    /// The simulator's own card-verifiable authorities (key identifiers `9000033/001`, text, and `9000023/001`,
    /// surface; not in the authority file), registered in `hierarchy`.
    static func authorities(
        _ image: CardImage, hierarchy: CardVerifiableAuthority.Hierarchy = .testHierarchy
    ) throws -> [CardVerifiableAuthority] {
        [
            try CardVerifiableAuthority(
                name: "9000033/001", hierarchy: hierarchy, keyIdentifier: keyIdentifier("9000033"),
                publicKey: CardRSAPublicKey(image.cardInfoCAPublicKey)),
            try CardVerifiableAuthority(
                name: "9000023/001", hierarchy: hierarchy, keyIdentifier: keyIdentifier("9000023"),
                publicKey: CardRSAPublicKey(image.cardFaceCAPublicKey)),
        ]
    }

    /// A key identifier in the card's layout: 7 ASCII digits, `08 05`, `001`, `00 00 00 00`.
    static func keyIdentifier(_ digits: String) -> [UInt8] {
        Array(digits.utf8) + [0x08, 0x05] + Array("001".utf8) + [0, 0, 0, 0]
    }
}
