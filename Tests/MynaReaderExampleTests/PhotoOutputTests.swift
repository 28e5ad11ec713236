import Foundation
import MynaPhoto
import MynaPhotoTestSupport
import Testing

/// `myna face`: the photo as PNG, the images, the terminal preview and the HTML report.
@Suite("myna face: PNG, images, preview, HTML report")
struct PhotoOutputTests {
    @Test("the PNG decodes, has the photo's dimensions and is the photo read from the card")
    func png() async throws {
        let directory = try Myna.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await simulatedJSON(
            ["face", "--photo-png", "photo.png", "--photo-jp2", "photo.jp2", "--images-dir", "images"] + Standard.cardFront,
            in: directory)
        let png = try [UInt8](Data(contentsOf: directory.appendingPathComponent("photo.png")))
        let jp2 = try [UInt8](Data(contentsOf: directory.appendingPathComponent("photo.jp2")))
        let info = try PNGInfo.read(png)
        let photo = try JPEG2000Decoder.decode(jp2)
        #expect(info.width == photo.width && info.height == photo.height)
        #expect(result["photo"]?["width"]?.int == photo.width)
        #expect(result["photo"]?["height"]?.int == photo.height)
        #expect(result["photo"]?["jp2Bytes"]?.int == jp2.count)
        #expect(info.colourType == .greyscale)
        // The PNG is exactly the encoding of the photo the card holds.
        #expect(png == PNGEncoder.encode(photo))
        #expect(result["files"]?["photoPNG"]?.string == "photo.png")

        for name in ["name.png", "address.png", "security-code.png", "photo.png"] {
            let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent("images/\(name)")))
            #expect(throws: Never.self, "\(name) is not a PNG") { try PNGInfo.read(bytes) }
        }
        let copy = try [UInt8](Data(contentsOf: directory.appendingPathComponent("images/photo.jp2")))
        #expect(copy == jp2)
        // Personal data is written readable by its owner only.
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("photo.png").path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test("with PIN-A instead of PIN-B")
    func pinA() async throws {
        let result = try await simulatedJSON(["face", "--with", "pin-a"], environment: ["MYNA_PIN_A": Standard.individualNumber])
        #expect(result["birthDate"]?.string == Standard.birthDate)
    }

    @Test("the HTML report embeds the photo and the card-face values")
    func htmlReport() async throws {
        let directory = try Myna.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try await simulatedJSON(["face", "--html", "report.html", "--photo-png", "photo.png"] + Standard.cardFront, in: directory)
        let html = try String(contentsOf: directory.appendingPathComponent("report.html"), encoding: .utf8)
        let png = try Data(contentsOf: directory.appendingPathComponent("photo.png"))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("data:image/png;base64,\(png.base64EncodedString())"))
        #expect(html.contains(Standard.birthDate))
        #expect(html.contains("2034-07-23"))
        #expect(html.contains("User-authentication certificate: valid"))
        #expect(html.hasSuffix("</html>\n") || html.hasSuffix("</html>"))
    }

    @Test(
        "the HTML report renders in headless Chromium",
        .enabled(
            if: HeadlessChromium.locate() != nil || ProcessInfo.processInfo.environment["CI"] == "true",
            "needs chromium (apt-get install chromium); required when CI=true"))
    func htmlRenders() async throws {
        let chromium = try #require(HeadlessChromium.locate(), "CI=true but chromium is not installed: apt-get install chromium")
        let directory = try Myna.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try await simulatedJSON(["face", "--html", "report.html"] + Standard.cardFront, in: directory)
        let screenshot = try await HeadlessChromium.screenshot(
            executable: chromium, page: directory.appendingPathComponent("report.html"), width: 900, height: 700,
            workDirectory: directory)
        let info = try PNGInfo.read(screenshot)
        #expect(info.width == 900 && info.height == 700)
    }

    @Test("the terminal preview: on stdout in text mode, on stderr with --json")
    func preview() async throws {
        let text = try await Myna.run(
            ["--simulated", "face", "--preview", "--preview-width", "30", "--preview-colour", "ascii"] + Standard.cardFront,
            environment: Standard.environment)
        #expect(text.status == Exit.success, "\(text)")
        let lines = text.stdoutText.split(separator: "\n")
        // 90×110 at 30 columns: 37 rows of pixels, 19 lines of text, each 30 cells.
        let drawing = lines.prefix { !$0.hasPrefix("Birth date:") }
        #expect(drawing.count == 19)
        #expect(drawing.allSatisfy { $0.count == 30 })

        let json = try await Myna.run(
            ["--simulated", "--json", "face", "--preview", "--preview-width", "20"] + Standard.cardFront,
            environment: Standard.environment)
        #expect(json.status == Exit.success)
        try expectDocument(json, schema: "face.schema.json")
        #expect(json.stderr.contains("\u{2580}"))
    }
}
