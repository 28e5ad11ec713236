import Foundation
import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator
import MynaTransport
import Testing

/// Size hints kept between launches (`MyNumberCard.keepableSizeHints(in:)`): the first card after a restart
/// is read like the second of a long-running app, and no length that depends on the holder is kept.
@Suite struct KeepableSizeHintsTests {
    @Test func onlyFilesFreeOnCardsAreKept() async throws {
        let hints = ReadSizeHints()
        let (opened, simulator, _) = try Simulator.open(.standard)
        let card = MyNumberCard(
            transport: opened.transport, capabilities: opened.iso7816.capabilities,
            cardVerifiableAuthorities: try Simulator.authorities(simulator.image), sizeHints: hints)
        let certificate = try await card.jpki.authenticationCertificate().derEncoded.count
        // PIN-protected: learned for the next card of this launch, never kept.
        _ = try await card.cardInfoInputSupport.basicAttributes(using: Passcode(.cardInfoPIN, "1234"))
        #expect(hints.hint(for: FileIdentifier(0x0002), in: .cardInfoInputSupport) != nil)

        let kept = ReadSizeHints(restoring: MyNumberCard.keepableSizeHints(in: hints))
        #expect(kept.hint(for: FileIdentifier(0x000A), in: .jpki) == .learned(certificate))
        #expect(kept.hint(for: FileIdentifier(0x0002), in: .cardInfoInputSupport) == nil)
        #expect(kept.hint(for: FileIdentifier(0x0001), in: .cardInfoInputSupport) == nil)
        // The lengths the format fixes are kept as stated.
        #expect(kept.hint(for: FileIdentifier(0x0004), in: .cardInfoInputSupport) == .exact(568))
    }

    @Test("After a restart with kept hints the certificate comes in one READ BINARY")
    func restoredHintsReadInOneCommand() async throws {
        let hints = ReadSizeHints()
        let (first, _, _) = try Simulator.open(.standard)
        let learning = MyNumberCard(transport: first.transport, capabilities: first.iso7816.capabilities, sizeHints: hints)
        let length = try await learning.jpki.authenticationCertificate().derEncoded.count
        let json = try JSONEncoder().encode(MyNumberCard.keepableSizeHints(in: hints))

        // A new launch: nothing in memory but the file.
        let restored = ReadSizeHints(restoring: try JSONDecoder().decode(ReadSizeHints.Snapshot.self, from: json))
        let (next, _, counter) = try Simulator.open(.standard)
        let card = MyNumberCard(transport: counter, capabilities: next.iso7816.capabilities, sizeHints: restored)
        #expect(try await card.jpki.authenticationCertificate().derEncoded.count == length)
        #expect(counter.instructions == [0xA4, 0xB0])
        let margin = max(1, LinkProfile.contactlessTypeBAt424k.apduCostInBytes / 8)
        #expect(counter.commands[1].ne == length + margin)
    }
}
