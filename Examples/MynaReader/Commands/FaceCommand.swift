import ArgumentParser
import Foundation
import MynaCard
import MynaKit
import MynaPhoto

/// `myna face`: the card face (券面事項確認AP) — photo, name and address images, birth date, sex, expiry —
/// with the photo as PNG, as a terminal preview and in an HTML report for visual confirmation.
struct FaceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "face",
        abstract: "Read the card face: photo (JPEG 2000 → PNG), name and address images, birth date, sex, expiry.",
        discussion: """
            Opens with PIN-B (default: --birth-date and --expiry-year as printed on the card, and the \
            security code from MYNA_SECURITY_CODE) or PIN-A (--with pin-a: the individual number from \
            MYNA_PIN_A). The library checks the record's signature before anything is shown.

            Example: myna face --birth-date 1985-07-23 --expiry-year 2034 --photo-png photo.png \
            --html report.html --preview
            """)

    /// Which credential opens the card face.
    enum Method: String, ExpressibleByArgument, CaseIterable, Sendable {
        case pinB = "pin-b"
        case pinA = "pin-a"
    }

    /// How the preview draws grey levels.
    enum PreviewColour: String, ExpressibleByArgument, CaseIterable, Sendable {
        case grey, truecolour, ascii

        var mode: TerminalPreview.ColourMode {
            switch self {
            case .grey: .ansi256Grey
            case .truecolour: .trueColour
            case .ascii: .ascii
            }
        }
    }

    @OptionGroup var global: GlobalOptions
    @OptionGroup(title: "PIN-B") var front: CardFrontOptions

    @Option(name: .long, help: "pin-b (default) or pin-a.")
    var with: Method = .pinB

    @Option(name: [.customLong("photo-png"), .customLong("png")], help: ArgumentHelp("Write the face photo as PNG.", valueName: "file"))
    var photoPNG: String?

    @Option(name: .long, help: ArgumentHelp("Write the face photo as stored (JPEG 2000, JP2).", valueName: "file"))
    var photoJP2: String?

    @Option(name: .long, help: ArgumentHelp("Write the card-face HTML report (visual confirmation screen).", valueName: "file"))
    var html: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write every image to this directory: photo.jp2, photo.png, name.png, address.png, security-code.png.",
            valueName: "directory"))
    var imagesDir: String?

    @Flag(name: .long, help: "Draw the photo on the terminal (Unicode half blocks, greyscale).")
    var preview = false

    @Option(name: .long, help: "The preview's width in columns.")
    var previewWidth: Int = 40

    @Option(name: .long, help: "The preview's colours: grey (256-colour greys, default), truecolour or ascii.")
    var previewColour: PreviewColour = .grey

    func validate() throws {
        guard (1...TerminalPreview.maximumColumns).contains(previewWidth) else {
            throw ValidationError("--preview-width must be 1…\(TerminalPreview.maximumColumns).")
        }
    }

    func run() async throws {
        let command = self
        try await Runner(command: "face", options: global).run { context in try await command.read(context) }
    }

    private func read(_ context: CommandContext) async throws -> FaceResult {
        let passcode =
            switch with {
            case .pinB: try context.pinB(.cardFacePINB, values: front)
            case .pinA: try context.passcode(.cardFacePINA, .individualNumber)
            }
        let card = context.session.card
        let face = try await card.cardFace.cardFace(using: passcode, options: context.verificationOptions)
        // Everything is read from the card before any file is written: a card pulled during the last APDU
        // leaves no file behind.
        let language = context.options.messageLanguage
        let certificate = try await Self.certificateStatus(card, language: language)
        let photo = try JPEG2000Decoder.decode(face.facePhoto)
        let png = PNGEncoder.encode(photo)

        var files = FaceResult.Files()
        if let photoJP2 {
            try FileOutput.write(face.facePhoto, to: photoJP2, personal: true)
            files.photoJP2 = photoJP2
        }
        if let photoPNG {
            try FileOutput.write(png, to: photoPNG, personal: true)
            files.photoPNG = photoPNG
        }
        if let imagesDir {
            try FileOutput.makeDirectory(imagesDir)
            let images: [(String, [UInt8])] = [
                ("photo.jp2", face.facePhoto), ("photo.png", png), ("name.png", face.nameImage),
                ("address.png", face.addressImage), ("security-code.png", face.securityCodeImage),
            ]
            for (name, bytes) in images {
                try FileOutput.write(bytes, to: (imagesDir as NSString).appendingPathComponent(name), personal: true)
            }
            files.imagesDir = imagesDir
        }
        if let html {
            let report = CardFaceReport(
                photoPNG: png, nameImagePNG: face.nameImage, addressImagePNG: face.addressImage,
                birthDate: face.birthDate.description, sex: Self.sexForReading(face.sex, language),
                cardExpiry: face.cardExpiry.description, certificateStatus: certificate.words,
                certificateSeverity: certificate.severity,
                notes: [
                    Words.text("face.report.signatureVerified", language),
                    Words.text("face.report.comparePhoto", language),
                ],
                language: language)
            try FileOutput.write(Array(report.html().utf8), to: html, personal: true)
            files.html = html
        }
        var previewText: String?
        if preview {
            let drawing = try TerminalPreview.render(photo, columns: previewWidth, colour: previewColour.mode)
            if global.json {
                // stdout holds the JSON document; the picture is for the screen.
                Output.rawError(drawing)
            } else {
                previewText = drawing
            }
        }
        return FaceResult(
            face: face, photoWidth: photo.width, photoHeight: photo.height, certificateValidity: certificate.status,
            certificateValidityUnavailable: certificate.unavailable, files: files, preview: previewText,
            language: language)
    }

    /// The user-authentication certificate's status for the report (free to read on a card).
    ///
    /// A card that cannot be reached (pulled, reader gone) fails the command; a card that answers but has no
    /// readable certificate gives a status of `nil` with the reason in `unavailable` — never a field silently
    /// missing.
    private static func certificateStatus(_ card: MyNumberCard, language: MessageLanguage) async throws -> (
        status: String?, unavailable: String?, words: String, severity: CardFaceReport.Severity
    ) {
        let certificate: CardCertificate
        do {
            certificate = try await card.jpki.authenticationCertificate()
        } catch let error as MyNumberCardError {
            let reason = "\(error.code): \(error.reason.escapingControlCharacters)"
            return (nil, reason, Words.text("face.certificateNotRead", language, reason), .unknown)
        }
        let status = certificate.validity.status(at: Date())
        let until = certificate.notValidAfter.formatted(.iso8601.year().month().day())
        let severity: CardFaceReport.Severity =
            switch status {
            case .valid: .ok
            case .renewalAlert, .expiredWithinGrace: .warning
            case .expiredBeyondGrace, .notYetValid: .critical
            }
        let words = Words.text("face.report.certificate", language, ValidityWords.describe(status.rawValue, language), until)
        return (status.rawValue, nil, words, severity)
    }

    /// The sex as the report shows it: `男`, or `男 Male` in English (the card prints it in Japanese).
    private static func sexForReading(_ sex: Sex, _ language: MessageLanguage) -> String {
        switch sex.code {
        case 1: CardFaceReport.plain("report.sex.male", language)
        case 2: CardFaceReport.plain("report.sex.female", language)
        default: sex.description
        }
    }
}

/// The result of `myna face`.
struct FaceResult: CommandResult {
    /// The files written.
    struct Files: Encodable, Sendable {
        var photoPNG: String?
        var photoJP2: String?
        var html: String?
        var imagesDir: String?
    }

    /// The photo's size.
    struct Photo: Encodable, Sendable {
        var width: Int
        var height: Int
        var jp2Bytes: Int
    }

    var birthDate: String
    var sex: AttributesResult.SexJSON
    var cardExpiry: String
    var photo: Photo
    /// Always true: the library returns the card face only after its signature verified.
    var signatureVerified: Bool
    /// Whether a known authority's key (production or test hierarchy) verified the key that signed the
    /// record.
    var issuerKeyAuthenticated: Bool
    /// Which authority, and the outcome.
    var issuer: AttributesResult.IssuerJSON
    /// The user-authentication certificate's validity status, when it could be read.
    var certificateValidity: String?
    /// Why ``certificateValidity`` is absent (the card answered, but the certificate could not be read).
    var certificateValidityUnavailable: String?
    var files: Files
    /// The terminal preview (text mode only; never in JSON).
    var preview: String?
    /// The language of the text output (never in JSON).
    var language: MessageLanguage

    init(
        face: CardFace, photoWidth: Int, photoHeight: Int, certificateValidity: String?,
        certificateValidityUnavailable: String?, files: Files, preview: String?, language: MessageLanguage
    ) {
        birthDate = face.birthDate.description
        sex = AttributesResult.SexJSON(code: face.sex.code, label: face.sex.description)
        cardExpiry = face.cardExpiry.description
        photo = Photo(width: photoWidth, height: photoHeight, jp2Bytes: face.facePhoto.count)
        signatureVerified = true
        issuerKeyAuthenticated = face.issuerCertificate.isAuthenticated
        issuer = AttributesResult.IssuerJSON(face.issuerCertificate.authentication)
        self.certificateValidity = certificateValidity
        self.certificateValidityUnavailable = certificateValidityUnavailable
        self.files = files
        self.preview = preview
        self.language = language
    }

    private enum CodingKeys: String, CodingKey {
        case birthDate, sex, cardExpiry, photo, signatureVerified, issuerKeyAuthenticated, issuer, certificateValidity,
            certificateValidityUnavailable, files
    }

    var text: String {
        var lines: [String] = []
        if let preview { lines.append(preview.hasSuffix("\n") ? String(preview.dropLast()) : preview) }
        lines += [
            Words.text("face.birthDate", language, birthDate),
            Words.text("face.sex", language, sex.words(language)),
            Words.text("face.cardExpiry", language, cardExpiry),
            // Numbers as digits only, never grouped by the locale ("1974", not "1,974").
            Words.text("face.photo", language, String(photo.width), String(photo.height), String(photo.jp2Bytes)),
            Words.text("face.signatureVerified", language),
            issuer.line(language),
        ]
        if let certificateValidity {
            lines.append(Words.text("face.certificate", language, ValidityWords.describe(certificateValidity, language)))
        } else if let certificateValidityUnavailable {
            lines.append(Words.text("face.certificateNotRead", language, certificateValidityUnavailable))
        }
        if let path = files.photoPNG { lines.append(Words.text("face.photoPNGWritten", language, path)) }
        if let path = files.photoJP2 { lines.append(Words.text("face.photoJP2Written", language, path)) }
        if let path = files.imagesDir { lines.append(Words.text("face.imagesWritten", language, path)) }
        if let path = files.html { lines.append(Words.text("face.htmlWritten", language, path)) }
        if files.photoPNG == nil, files.html == nil, files.imagesDir == nil, files.photoJP2 == nil, preview == nil {
            lines.append(Words.text("face.howToSeePhoto", language))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
