import Foundation
import MynaPhoto
import MynaPhotoTestSupport
import Testing
@testable import MynaReaderExample

@Suite("Card-face HTML report")
struct CardFaceReportTests {
    static let hostile = "見本 <script>alert('x')</script> & \"Co\" <img src=x onerror=alert(1)>"

    static func report(
        photo: [UInt8]? = nil, name: [UInt8]? = nil, address: [UInt8]? = nil, text: String = hostile,
        severity: CardFaceReport.Severity = .warning
    ) throws -> CardFaceReport {
        let photoPNG = try photo ?? PNGEncoder.encode(JPEG2000Decoder.decode(Fixture.bytes("card-photo.jp2")))
        return CardFaceReport(
            photoPNG: photoPNG,
            nameImagePNG: name ?? HandmadePNG.oneBit(width: 240, height: 28) { x, y in (x / 4 + y / 4) % 5 == 0 },
            addressImagePNG: address ?? HandmadePNG.oneBit(width: 400, height: 56) { x, y in (x / 3 * y / 3) % 7 == 0 },
            name: text, address: text, birthDate: text, sex: text, cardExpiry: text,
            certificateStatus: text, certificateSeverity: severity, notes: [text, "Synthetic test data"])
    }

    @Test("Every text is escaped; no markup from the values reaches the page")
    func escaping() throws {
        let html = try Self.report().html()
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("<img src=x"))
        let escaped = "見本 &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot; &lt;img src=x onerror=alert(1)&gt;"
        // name, address, birth date, sex, expiry, certificate status, one note.
        #expect(html.components(separatedBy: escaped).count - 1 == 7)
    }

    @Test("Escaping covers the five special characters and control characters")
    func escapeFunction() {
        #expect(HTMLText.escape("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e&#39;f")
        #expect(HTMLText.escape("x\u{0}y\u{1B}z\u{7F}\u{85}w") == "x\u{FFFD}y\u{FFFD}z\u{FFFD}\u{FFFD}w")
        #expect(HTMLText.escape("tab\tand\nnewline 氏名　太郎") == "tab\tand\nnewline 氏名　太郎")
        #expect(HTMLText.escape("&amp;") == "&amp;amp;")
    }

    @Test("Base64 matches RFC 4648 test vectors and Foundation's decoder")
    func base64() throws {
        let vectors = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=",
                       "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors {
            #expect(HTMLText.base64(Array(plain.utf8)) == encoded)
        }
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
        #expect(try #require(Data(base64Encoded: HTMLText.base64(bytes))) == Data(bytes))
    }

    @Test("Images are embedded as data URIs that decode back to the same PNG")
    func embeddedImages() throws {
        let report = try Self.report()
        let html = report.html()
        let sources = html.matches(of: #/src="data:image/png;base64,([A-Za-z0-9+/=]+)"/#).map { String($0.output.1) }
        #expect(sources.count == 3)
        let decoded = try sources.map { try #require(Data(base64Encoded: $0)) }.map { [UInt8]($0) }
        #expect(Set(decoded) == Set([report.photoPNG, report.nameImagePNG, report.addressImagePNG].compactMap { $0 }))
        #expect(html.contains(#"class="face" alt="顔写真 Face photo" width="90" height="110""#))
        #expect(html.contains(#"width="240" height="28""#))
    }

    @Test("The page is self-contained and inert")
    func selfContained() throws {
        let html = try Self.report().html()
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"ja\">"))
        #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none'; img-src data:"))
        for forbidden in ["http:", "https:", "//cdn", "<link", "<script", "url(", "@import", "<iframe", "<object"] {
            #expect(!html.lowercased().contains(forbidden), "\(forbidden)")
        }
        let sources = html.matches(of: #/src="([^"]*)"/#).map { String($0.output.1) }
        #expect(sources.allSatisfy { $0.hasPrefix("data:image/png;base64,") })
        #expect(html.contains(HTMLText.escape(CardFaceReport.privacyNotice(.english))))
        #expect(html.contains("class=\"privacy\""))
        #expect(try Self.report().html() == html)
    }

    @Test("Missing and invalid images are replaced by notices, never embedded")
    func missingAndInvalid() throws {
        var report = try Self.report(name: Array("not a png".utf8))
        report.addressImagePNG = nil
        var truncated = try #require(report.photoPNG)
        truncated.removeLast(5)
        report.photoPNG = truncated
        let html = report.html()
        #expect(html.components(separatedBy: "Invalid image").count - 1 == 2)
        #expect(html.contains("Not read"))
        #expect(!html.contains("data:image/png"))
    }

    @Test("Severity selects the status style", arguments: [
        (CardFaceReport.Severity.ok, "ok"), (.warning, "warning"), (.critical, "critical"), (.unknown, "unknown"),
    ])
    func severity(severity: CardFaceReport.Severity, cssClass: String) throws {
        let html = try Self.report(text: "x", severity: severity).html()
        #expect(html.contains("<section class=\"status \(cssClass)\""))
    }

    @Test("Notes are optional")
    func noNotes() throws {
        var report = try Self.report(text: "x")
        report.notes = []
        #expect(!report.html().contains("class=\"notes\""))
    }

    @Test("The report never describes its personal data")
    func redaction() throws {
        let report = try Self.report(text: "見本 花子")
        #expect(String(describing: report) == "CardFaceReport(personal data redacted)")
        #expect(String(reflecting: report) == "CardFaceReport(personal data redacted)")
        var dumped = ""
        dump(report, to: &dumped)
        #expect(!dumped.contains("見本"))
        #expect(!dumped.contains("photoPNG"))
    }
}
