import MynaCodec
import MynaISO7816

/// Proof that the chip itself answered: a fresh challenge signed with the card key.
public struct CardPresenceProof: Hashable, Sendable {
    /// The random challenge (32 bytes) whose SHA-256 DigestInfo the card signed.
    public let challenge: [UInt8]
    /// The card's signature, verified with ``key``.
    public let signature: [UInt8]
    /// The key it was verified with.
    public let key: VerifiedCardKey
}

extension MyNumberCard {
    /// Checks that the chip itself is present — not a copy of its files — by having the applet that carried
    /// `key` sign a fresh random challenge with the card key (`80 2A 00 00`, no credential) and verifying the
    /// signature against `key`, which came from a record whose signature was checked.
    ///
    /// APDUs: SELECT applet (only if not selected) + COMPUTE DIGITAL SIGNATURE = 1 or 2.
    ///
    /// - Throws: ``MyNumberCardError/Code/signatureInvalid`` when the answer does not verify: the card
    ///   answering is not the chip the key belongs to.
    public func proveCardPresence(with key: VerifiedCardKey) async throws -> CardPresenceProof {
        var generator = SystemRandomNumberGenerator()
        let challenge = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let input = DigestAlgorithm.sha256.digestInfo(hashing: challenge)
        return try await transaction("proving card presence") {
            try await select(key.application, name: Self.appletName(key.application))
            let signature: [UInt8]
            do {
                signature = try await iso7816.computeDigitalSignature(
                    input, key: nil, p1: 0x00, p2: 0x00, expectedLength: key.publicKey.modulus.count)
            } catch {
                throw MyNumberCardError.translating(error, what: "signing the challenge with the card key")
            }
            guard key.publicKey.isValidSignature(signature, forPayload: input) else {
                throw MyNumberCardError(
                    .signatureInvalid,
                    "the card's answer to the challenge does not verify with the card key: not the chip the key belongs to")
            }
            return CardPresenceProof(challenge: challenge, signature: signature, key: key)
        }
    }
}
