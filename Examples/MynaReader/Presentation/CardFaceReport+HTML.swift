import MynaKit
import MynaPhoto

extension CardFaceReport {
    /// The notice shown at the top of every report: in Japanese, or in Japanese and English.
    static func privacyNotice(_ language: MessageLanguage) -> String {
        plain("report.privacyNotice", language)
    }

    /// The report as one self-contained HTML page, laid out like the front of the card.
    ///
    /// Self-contained and inert: images are embedded as `data:` URIs (each checked with MynaPhoto's
    /// `PNGInfo` first; an invalid one is replaced by a notice, never embedded), every text is HTML-escaped,
    /// there is no script and no external resource, and a Content-Security-Policy forbids loading anything
    /// else. The output is deterministic.
    func html() -> String {
        let severity = Self.cssClass(certificateSeverity)
        var page = """
            <!DOCTYPE html>
            <html lang="ja">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
            <meta name="referrer" content="no-referrer">
            <meta name="robots" content="noindex, nofollow">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLText.escape(plain("report.title")))</title>
            <style>
            \(Self.styleSheet)
            </style>
            </head>
            <body>
            <main>
            <h1>\(spanned("report.title"))</h1>
            <p class="privacy" role="note">\(HTMLText.escape(Self.privacyNotice(language)))</p>
            <section class="card" aria-label="\(HTMLText.escape(plain("report.cardFace")))">
            <div class="fields">
            <div class="field"><div class="label">\(spanned("report.name", gap: ""))</div><div class="value">\(
                image(nameImagePNG, alt: plain("report.nameImage"), kind: "text-image")
            )\(text(name))</div></div>
            <div class="field"><div class="label">\(spanned("report.address", gap: ""))</div><div class="value">\(
                image(addressImagePNG, alt: plain("report.addressImage"), kind: "text-image")
            )\(text(address))</div></div>
            <div class="field pair"><div class="label">\(spanned("report.birthDate", gap: ""))</div><div class="value" id="birth-date">\(
                HTMLText.escape(birthDate)
            )</div><div class="label">\(spanned("report.sex", gap: ""))</div><div class="value" id="sex">\(HTMLText.escape(sex))</div></div>
            <div class="field"><div class="label">\(spanned("report.cardExpiry", gap: ""))</div><div class="value" id="card-expiry">\(
                HTMLText.escape(cardExpiry)
            )</div></div>
            </div>
            <figure class="photo">\(image(photoPNG, alt: plain("report.facePhoto"), kind: "face"))<figcaption>\(spanned("report.photo"))</figcaption></figure>
            </section>
            <section class="status \(severity)" aria-label="\(HTMLText.escape(plain("report.certificate")))">
            <h2>\(spanned("report.certificate"))</h2>
            <p><span class="badge">\(HTMLText.escape(Words.text("report.severity." + severity, language)))</span> \(HTMLText.escape(certificateStatus))</p>
            </section>

            """
        if !notes.isEmpty {
            page += "<section class=\"notes\" aria-label=\"\(HTMLText.escape(plain("report.notes")))\">\n<h2>\(spanned("report.notes"))</h2>\n<ul>\n"
            for note in notes {
                page += "<li>\(HTMLText.escape(note))</li>\n"
            }
            page += "</ul>\n</section>\n"
        }
        page += "</main>\n</body>\n</html>\n"
        return page
    }

    /// The Japanese words for `key`, followed in English by a space and the English ones. The table's
    /// words contain no markup; a caller escapes the result where a value needs it.
    static func plain(_ key: String, _ language: MessageLanguage) -> String {
        let japanese = Words.text(key, .japanese)
        return language == .japanese ? japanese : japanese + " " + Words.text(key, .english)
    }

    private func plain(_ key: String) -> String { Self.plain(key, language) }

    /// The Japanese words for `key`, followed in English by `gap` and the English ones in a muted span.
    private func spanned(_ key: String, gap: String = " ") -> String {
        // The words come from the string tables, which translators edit: escaped like any other text.
        let japanese = HTMLText.escape(Words.text(key, .japanese))
        guard language == .english else { return japanese }
        return japanese + gap + "<span class=\"en\">" + HTMLText.escape(Words.text(key, .english)) + "</span>"
    }

    /// An `<img>` with the PNG as a `data:` URI, or a notice when it is missing or not a valid PNG.
    private func image(_ png: [UInt8]?, alt: String, kind: String) -> String {
        guard let png else {
            return "<div class=\"missing \(kind)\">\(spanned("report.notRead"))</div>"
        }
        guard let info = try? PNGInfo.read(png) else {
            return "<div class=\"missing invalid \(kind)\">\(spanned("report.invalidImage"))</div>"
        }
        return "<img class=\"\(kind)\" alt=\"\(HTMLText.escape(alt))\" width=\"\(info.width)\" height=\"\(info.height)\" "
            + "src=\"data:image/png;base64,\(HTMLText.base64(png))\">"
    }

    private func text(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return "" }
        return "<div class=\"text\">\(HTMLText.escape(value))</div>"
    }

    private static func cssClass(_ severity: Severity) -> String {
        switch severity {
        case .ok: "ok"
        case .warning: "warning"
        case .critical: "critical"
        default: "unknown"
        }
    }

    static let styleSheet = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0; padding: 12px; background: #f3f4f6; color: #111827;
          font-family: "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", Meiryo, system-ui, sans-serif;
          font-size: 15px; line-height: 1.4; }
        main { max-width: 760px; margin: 0 auto; }
        h1 { font-size: 19px; margin: 0 0 6px; }
        h2 { font-size: 15px; margin: 0 0 4px; }
        .en { color: #4b5563; font-size: 0.8em; margin-left: 0.3em; }
        .privacy { margin: 0 0 10px; padding: 6px 10px; border-left: 4px solid #b45309; background: #fff7e6;
          font-size: 12px; }
        .card { display: grid; grid-template-columns: 1fr 196px; gap: 14px; padding: 16px 18px; border-radius: 14px;
          background: #e6eef8; border: 1px solid #94a3b8; box-shadow: 0 2px 6px rgba(0, 0, 0, 0.15); }
        .fields { display: flex; flex-direction: column; gap: 10px; min-width: 0; }
        .field { display: grid; grid-template-columns: 92px 1fr; align-items: start; gap: 8px; }
        .field.pair { grid-template-columns: 92px 1fr 56px 1fr; }
        .label { font-size: 13px; color: #374151; }
        .label .en { display: block; margin-left: 0; }
        .value { font-size: 17px; min-width: 0; overflow-wrap: anywhere; }
        .value .text { font-size: 14px; margin-top: 2px; }
        img.text-image { display: block; max-width: 100%; height: auto; background: #ffffff;
          image-rendering: pixelated; }
        .photo { margin: 0; text-align: center; }
        img.face { display: block; width: 180px; height: auto; margin: 0 auto; border: 1px solid #64748b;
          background: #ffffff; }
        .photo figcaption { font-size: 12px; margin-top: 4px; }
        .missing { padding: 6px; border: 1px dashed #9ca3af; color: #6b7280; font-size: 13px; background: #f9fafb; }
        .missing.face { width: 180px; height: 220px; margin: 0 auto; display: flex; align-items: center;
          justify-content: center; }
        .missing.invalid { border-color: #b91c1c; color: #b91c1c; }
        .status { margin-top: 12px; padding: 8px 12px; border-radius: 8px; border: 1px solid; }
        .status p { margin: 0; }
        .badge { display: inline-block; padding: 0 8px; border-radius: 8px; color: #ffffff; font-size: 12px;
          text-transform: uppercase; }
        .status.ok { background: #ecfdf5; border-color: #059669; } .ok .badge { background: #059669; }
        .status.warning { background: #fffbeb; border-color: #d97706; } .warning .badge { background: #b45309; }
        .status.critical { background: #fef2f2; border-color: #dc2626; } .critical .badge { background: #b91c1c; }
        .status.unknown { background: #f9fafb; border-color: #6b7280; } .unknown .badge { background: #4b5563; }
        .notes { margin-top: 10px; font-size: 14px; }
        .notes ul { margin: 0; padding-left: 20px; }
        """
}
