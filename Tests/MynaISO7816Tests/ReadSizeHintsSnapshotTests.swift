import Foundation
import MynaISO7816
import Testing

/// `ReadSizeHints.Snapshot`: the hints an app keeps between launches, as JSON.
@Suite struct ReadSizeHintsSnapshotTests {
    static let jpki = ApplicationIdentifier(constant: [0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01])

    @Test func roundTripKeepsEveryHint() throws {
        let hints = ReadSizeHints()
        hints.expect(FileIdentifier(0x0004), in: Self.jpki, length: 568)
        hints.expect(FileIdentifier(0x2F01), in: nil, length: 20)
        hints.expect(FileIdentifier(0x000A), in: Self.jpki, length: 900)
        let snapshot = hints.snapshot(including: { _ in true })
        #expect(snapshot.count == 3)

        let data = try JSONEncoder().encode(snapshot)
        let restored = ReadSizeHints(restoring: try JSONDecoder().decode(ReadSizeHints.Snapshot.self, from: data))
        #expect(restored.hint(for: FileIdentifier(0x0004), in: Self.jpki) == .exact(568))
        #expect(restored.hint(for: FileIdentifier(0x2F01), in: nil) == .exact(20))
        #expect(restored.hint(for: FileIdentifier(0x000A), in: Self.jpki) == .exact(900))
        #expect(restored.snapshot(including: { _ in true }) == snapshot)
    }

    @Test func theDocumentedJSONForm() throws {
        let json = #"{"hints":[{"application":"D392F000260100000001","file":"000A","length":1004,"exact":false},{"file":"2F01","length":20,"exact":true}]}"#
        let hints = ReadSizeHints(restoring: try JSONDecoder().decode(ReadSizeHints.Snapshot.self, from: Data(json.utf8)))
        #expect(hints.hint(for: FileIdentifier(0x000A), in: Self.jpki) == .learned(1004))
        #expect(hints.hint(for: FileIdentifier(0x2F01), in: nil) == .exact(20))
        #expect(hints.hint(for: FileIdentifier(0x000B), in: Self.jpki) == nil)

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(hints.snapshot(including: { _ in true })), as: UTF8.self)
        #expect(text == #"{"hints":[{"exact":true,"file":"2F01","length":20},{"application":"D392F000260100000001","exact":false,"file":"000A","length":1004}]}"#)
    }

    @Test func theFilterChoosesTheFiles() {
        let hints = ReadSizeHints()
        hints.expect(FileIdentifier(0x000A), in: Self.jpki, length: 900)
        hints.expect(FileIdentifier(0x0002), in: Self.jpki, length: 300)
        let snapshot = hints.snapshot(including: { $0.file == FileIdentifier(0x000A) })
        #expect(snapshot.count == 1)
        let restored = ReadSizeHints(restoring: snapshot)
        #expect(restored.hint(for: FileIdentifier(0x000A), in: Self.jpki) == .exact(900))
        #expect(restored.hint(for: FileIdentifier(0x0002), in: Self.jpki) == nil)
    }

    @Test(
        "A damaged hint file is a decoding error, never a hint",
        arguments: [
            #"{"hints":[{"application":"D39","file":"000A","length":900,"exact":false}]}"#,  // odd hex
            #"{"hints":[{"application":"D392F00026010000000100000000000000","file":"000A","length":900,"exact":false}]}"#,  // 17-byte AID
            #"{"hints":[{"application":"D392F000260100000001","file":"000A0B","length":900,"exact":false}]}"#,
            #"{"hints":[{"file":"ZZ0A","length":900,"exact":false}]}"#,
            #"{"hints":[{"file":"000A","length":0,"exact":false}]}"#,
            #"{"hints":[{"file":"000A","length":65537,"exact":false}]}"#,
            #"{"hints":[{"file":"000A","length":-5,"exact":true}]}"#,
            #"{"hints":[{"file":"000A","exact":true}]}"#,
            #"{"hints":[{"file":"000A","length":900}]}"#,
            #"{"hints":{}}"#,
            #"[]"#,
        ])
    func damagedFilesAreRefused(_ json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ReadSizeHints.Snapshot.self, from: Data(json.utf8))
        }
    }
}
