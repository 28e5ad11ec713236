import Foundation
import Testing

/// `--size-hints FILE`: the lengths of the card's public files kept between runs of `myna`, so that a run
/// reads the certificate in one READ BINARY of about its length instead of a first one of one APDU's worth.
@Suite struct SizeHintsFileTests {
    /// The READ BINARY lines of a `--trace` (by SFI, P1 `8x`, or by offset).
    static func reads(_ run: Myna.Run) -> [String] {
        run.stderr.split(separator: "\n").map(String.init).filter { $0.contains("> 00 B0 ") }
    }

    @Test func aSecondRunReadsEachCertificateInOneCommand() async throws {
        let directory = try Myna.temporaryDirectory()
        let path = directory.appendingPathComponent("sizes.json").path
        let first = try await Myna.run(["--simulated", "--trace", "--size-hints", path, "certificate", "auth"])
        #expect(first.status == 0, "\(first)")
        #expect(Self.reads(first).count == 4, "\(first)")  // 000A and 000B: one APDU's worth, then the rest

        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let kept = try String(contentsOfFile: path, encoding: .utf8)
        #expect(kept.contains(#""file" : "000A""#))

        let second = try await Myna.run(["--simulated", "--trace", "--size-hints", path, "certificate", "auth"])
        #expect(second.status == 0, "\(second)")
        #expect(Self.reads(second).count == 2, "\(second)")
        #expect(second.stdout == first.stdout)
    }

    @Test func theEnvironmentNamesTheFileToo() async throws {
        let directory = try Myna.temporaryDirectory()
        let path = directory.appendingPathComponent("sizes.json").path
        _ = try await Myna.run(["--simulated", "certificate", "auth-ca"], environment: ["MYNA_SIZE_HINTS": path])
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test("No length that depends on the holder is kept")
    func protectedFilesAreNotKept() async throws {
        let directory = try Myna.temporaryDirectory()
        let path = directory.appendingPathComponent("sizes.json").path
        let run = try await Myna.run(
            ["--simulated", "--size-hints", path, "attributes"], environment: ["MYNA_CARD_INFO_PIN": Standard.cardInfoPIN])
        #expect(run.status == 0, "\(run)")
        let kept = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!kept.contains(#""file" : "0002""#))  // the basic attributes (name, address)
        #expect(!kept.contains(#""file" : "0001""#))
    }

    @Test("A damaged file is said and ignored, then rewritten", arguments: ["not json", #"{"hints":[{"file":"000A","length":0,"exact":false}]}"#])
    func aDamagedFileIsIgnored(_ contents: String) async throws {
        let directory = try Myna.temporaryDirectory()
        let path = directory.appendingPathComponent("sizes.json").path
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        let run = try await Myna.run(["--simulated", "--size-hints", path, "certificate", "auth"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr.contains("Ignoring the size hints in \(path): not a size-hint file."), "\(run)")
        let rewritten = try String(contentsOfFile: path, encoding: .utf8)
        #expect(rewritten.contains(#""file" : "000A""#))
    }
}
