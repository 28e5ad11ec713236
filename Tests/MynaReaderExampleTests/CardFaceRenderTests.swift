import Foundation
import MynaPhoto
import MynaPhotoTestSupport
import Testing
@testable import MynaReaderExample

/// Renders the report in headless Chromium and checks the screenshot.
///
/// Needs the `chromium` package. Without it the test is cancelled (reported as skipped) with a message —
/// except when the environment variable `CI` is `true`, where a missing browser fails the test.
@Suite("Card-face HTML report in headless Chromium")
struct CardFaceRenderTests {
    static let width = 800
    static let height = 600

    @Test("The report renders: an 800×600 screenshot showing the card, its background and the photo",
          .timeLimit(.minutes(3)))
    func render() async throws {
        guard let chromium = HeadlessChromium.locate() else {
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                Issue.record("""
                    headless Chromium is required in CI but was not found on PATH (tried chromium, \
                    chromium-browser, google-chrome; or set MYNA_CHROMIUM): apt-get install chromium
                    """)
                return
            }
            try Test.cancel("chromium not found on PATH (apt-get install chromium); the render check was skipped")
        }

        let work = FileManager.default.temporaryDirectory
            .appendingPathComponent("myna-photo-render-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        // Synthetic data only: the generated photo fixture and made-up text.
        let report = try CardFaceReportTests.report(text: "見本 <b>&</b>", severity: .ok)
        let page = work.appendingPathComponent("report.html")
        try Data(report.html().utf8).write(to: page)

        let screenshot = try await HeadlessChromium.screenshot(
            executable: chromium, page: page, width: Self.width, height: Self.height, workDirectory: work)

        let info = try PNGInfo.read(screenshot)
        #expect(info.width == Self.width && info.height == Self.height)
        let image = try ReferencePNGDecoder(screenshot)
        #expect(image.width == Self.width && image.height == Self.height)

        var blank = 0, cardBackground = 0, photoBlock = 0
        var colours = Set<UInt32>()
        for y in 0..<image.height {
            for x in 0..<image.width {
                let (red, green, blue) = image.rgb(x: x, y: y)
                colours.insert(UInt32(red) << 16 | UInt32(green) << 8 | UInt32(blue))
                // White (an empty page) or the page's own background.
                if Self.near((red, green, blue), (0xFF, 0xFF, 0xFF)) || Self.near((red, green, blue), (0xF3, 0xF4, 0xF6)) {
                    blank += 1
                }
                if Self.near((red, green, blue), (0xE6, 0xEE, 0xF8)) { cardBackground += 1 }
                // The photo's flat block is grey 77 (lossy JPEG 2000: within a few levels).
                if red == green, green == blue, (73...81).contains(red) { photoBlock += 1 }
            }
        }
        let total = image.width * image.height
        // Not blank: much of the window is neither white nor the page background, in many colours.
        #expect(total - blank > total / 5, "only \(total - blank) non-blank pixels")
        #expect(colours.count > 100, "only \(colours.count) distinct colours")
        // The card's own style applied: a large area in its background colour.
        #expect(cardBackground > 50_000, "card background covers \(cardBackground) pixels")
        // The photo drew at 180 px wide (2×): its 70×25 block covers about 140×50 = 7000 pixels.
        #expect(photoBlock > 4000, "photo block covers \(photoBlock) pixels")
    }

    static func near(_ pixel: (UInt8, UInt8, UInt8), _ colour: (UInt8, UInt8, UInt8)) -> Bool {
        abs(Int(pixel.0) - Int(colour.0)) <= 2 && abs(Int(pixel.1) - Int(colour.1)) <= 2
            && abs(Int(pixel.2) - Int(colour.2)) <= 2
    }
}
