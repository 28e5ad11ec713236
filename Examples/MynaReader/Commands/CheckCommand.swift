import ArgumentParser
import Foundation
import MynaCard
import MynaKit
import MynaPhoto

/// `myna check`: the insurance qualification check (オンライン資格確認) in PIN, face or visual mode, and the
/// emergency profile (マイナ救急).
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run the insurance qualification check: --mode pin, face or visual; --emergency for emergency crews.",
        discussion: """
            pin: the user-authentication PIN (MYNA_PIN) is verified and a fresh random challenge is signed \
            with the user-authentication key; the signature is checked against the certificate.
            face: PIN-B opens the photo (--birth-date, --expiry-year, MYNA_SECURITY_CODE), which goes to a face \
            matcher with the live capture. The example has no camera: --face-verdict match|mismatch stands in \
            for the reader's matcher. Failures are counted per card in --face-store (10 lock face \
            authentication); without it, in memory for this run.
            visual: no credential; the operator compares the person with the card (shown the photo when the \
            PIN-B values are given). --operator-decision confirm|decline answers for scripts; otherwise it is \
            asked on the terminal.
            --emergency --consent given|not-obtainable: the emergency profile (visual by default, PIN when the \
            operator asks; never face; the individual number is never read).
            """)

    /// The emergency consent as typed.
    enum Consent: String, ExpressibleByArgument, CaseIterable, Sendable {
        case given
        case notObtainable = "not-obtainable"

        var consent: EmergencyConsent { self == .given ? .given : .notObtainable }
    }

    /// What the stand-in face matcher answers.
    enum Verdict: String, ExpressibleByArgument, CaseIterable, Sendable {
        case match, mismatch
    }

    /// What the operator answers, for scripts.
    enum Decision: String, ExpressibleByArgument, CaseIterable, Sendable {
        case confirm, decline
    }

    @OptionGroup var global: GlobalOptions
    @OptionGroup(title: "PIN-B (face mode; the photo in visual mode)") var front: CardFrontOptions

    @Option(name: .long, help: "pin, face or visual. Default: pin; with --emergency, visual.")
    var mode: QualificationMode?

    @Flag(name: .long, help: "The emergency profile (マイナ救急): needs --consent.")
    var emergency = false

    @Option(name: .long, help: "With --emergency: given or not-obtainable.")
    var consent: Consent?

    @Option(name: .long, help: "Face mode: what the stand-in face matcher answers (the example has no camera).")
    var faceVerdict: Verdict?

    @Option(name: .long, help: ArgumentHelp("Face mode: the live capture handed to the matcher.", valueName: "file"))
    var liveCapture: String?

    @Option(name: .long, help: ArgumentHelp("Count face failures per card in this JSON file.", valueName: "file"))
    var faceStore: String?

    @Option(name: .long, help: "Visual mode: the operator's answer, for scripts (else asked on the terminal).")
    var operatorDecision: Decision?

    @Option(name: .long, help: ArgumentHelp("Visual mode: who confirms (a staff number).", valueName: "id"))
    var operatorID: String = "operator"

    @Option(name: .long, help: ArgumentHelp("Write the card photo (when read) as PNG.", valueName: "file"))
    var photoPNG: String?

    var effectiveMode: QualificationMode { mode ?? (emergency ? .visual : .pin) }

    func validate() throws {
        if emergency, consent == nil { throw ValidationError("--emergency needs --consent given|not-obtainable.") }
        if !emergency, consent != nil { throw ValidationError("--consent belongs to --emergency.") }
        if effectiveMode == .face {
            if faceVerdict == nil {
                throw ValidationError("Face mode needs --face-verdict match|mismatch (the stand-in for the reader's face matcher).")
            }
            if !front.isGiven {
                throw ValidationError("Face mode needs PIN-B: --birth-date and --expiry-year (and MYNA_SECURITY_CODE).")
            }
        }
        if effectiveMode == .visual, operatorDecision == nil, Terminal.open() == nil {
            throw ValidationError("Visual mode needs an operator: run it on a terminal, or pass --operator-decision confirm|decline.")
        }
    }

    func run() async throws {
        let command = self
        try await Runner(command: "check", options: global).run { context in try await command.check(context) }
    }

    private func check(_ context: CommandContext) async throws -> CheckResult {
        let store: any FaceFailureStore =
            faceStore.map { FileFaceFailureStore(url: URL(fileURLWithPath: $0)) } ?? InMemoryFaceFailureStore()
        let check = QualificationCheck(card: context.session.card, faceFailures: store, logger: context.logger)
        let profile: QualificationRequest.Profile = consent.map { .emergency($0.consent) } ?? .standard

        // Secrets first: nothing is asked for once the card is in use (the last-try question excepted).
        let method: (VerificationOptions) -> QualificationRequest
        switch effectiveMode {
        case .pin:
            let pin = try context.passcode(.userAuthenticationPIN, .userAuthenticationPIN)
            var generator = SystemRandomNumberGenerator()
            let challenge = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
            method = { .pin(pin, challenge: challenge, options: $0) }
        case .face:
            let pinB = try context.pinB(.cardFacePINB, values: front)
            let capture = try liveCapture.map { try FileOutput.read($0) } ?? []
            let matcher = StandInFaceMatcher(isMatch: faceVerdict == .match)
            method = { .face(pinB: pinB, liveCapture: capture, matcher: matcher, pinBOptions: $0) }
        case .visual:
            let pinB = front.isGiven ? try context.pinB(.cardFacePINB, values: front) : nil
            let confirmer = CommandLineConfirmer(
                decision: operatorDecision, operatorID: operatorID, language: context.options.messageLanguage)
            method = { .visual(pinB: pinB, confirmer: confirmer, pinBOptions: $0) }
        }
        let outcome = try await check.run(method(context.verificationOptions), profile: profile)
        var photoFile: String?
        var photoPNGError: String?
        if let photoPNG, let photo = outcome.facePhoto {
            // The check has passed: a photo that cannot be decoded is reported, not turned into a failure.
            do {
                let png = PNGEncoder.encode(try JPEG2000Decoder.decode(photo))
                try FileOutput.write(png, to: photoPNG, personal: true)
                photoFile = photoPNG
            } catch let error as PhotoError {
                photoPNGError = "the card photo cannot be decoded (\(error.code)): \(photoPNG) was not written"
            }
        }
        return CheckResult(
            outcome.result, photoPNG: photoFile, photoPNGError: photoPNGError, language: context.options.messageLanguage)
    }
}

/// `--mode pin|face|visual` names the library's modes directly.
extension QualificationMode: ExpressibleByArgument {}

/// The example's stand-in for a face-authentication reader's matcher: answers what `--face-verdict` says.
struct StandInFaceMatcher: FaceMatcher {
    let isMatch: Bool

    func match(cardPhoto: [UInt8], liveCapture: [UInt8]) async throws -> FaceMatchResult {
        FaceMatchResult(isMatch: isMatch, score: isMatch ? 1 : 0)
    }
}

/// The operator of a visual confirmation: `--operator-decision`, or a question on the terminal with the
/// card photo drawn above it when it could be read.
struct CommandLineConfirmer: OperatorConfirmer {
    let decision: CheckCommand.Decision?
    let operatorID: String
    /// The language of the questions.
    let language: MessageLanguage

    func confirm(_ request: VisualConfirmationRequest) async throws -> OperatorDecision {
        if let decision { return decision == .confirm ? .confirmed(operatorID: operatorID) : .declined }
        guard let terminal = Terminal.open() else {
            throw Failure.usage(Phrase("check.visual.needsOperator"))
        }
        if let photo = request.facePhoto, let image = try? JPEG2000Decoder.decode(photo),
            let drawing = try? TerminalPreview.render(image, columns: 40)
        {
            terminal.write(drawing)
        } else {
            terminal.write(Words.text("check.visual.noPhoto", language) + "\n")
        }
        if request.isEmergency { terminal.write(Words.text("check.visual.emergency", language) + "\n") }
        let answer = terminal.ask(Words.text("check.visual.question", language) + " [yes/no] ")?.lowercased()
        return answer == "yes" || answer == "y" ? .confirmed(operatorID: operatorID) : .declined
    }
}

/// The result of `myna check`: it passed (a check that did not pass is a failure, exit 11 or another).
/// The words — the outcome, validity, consent and warnings — are the library's, in the chosen language.
struct CheckResult: CommandResult {
    var passed: Bool
    var mode: String
    var profile: String
    var warnings: [String]
    var certificateValidity: String
    var certificateExpiry: String
    /// The library's record of the check (`QualificationCheckResult`), as it encodes it.
    var record: QualificationCheckResult
    var photoPNG: String?
    /// The outcome in one sentence, in the chosen language.
    var message: String
    /// The warnings' words, in the chosen language and the order of `warnings`.
    var warningMessages: [String]
    /// The language of the words (`ja` or `en`).
    var language: String
    /// The text rendering, in the same language.
    let text: String

    private enum CodingKeys: String, CodingKey {
        case passed, mode, profile, warnings, certificateValidity, certificateExpiry, record, photoPNG, message,
            warningMessages, language, photoPNGError
    }

    /// Why `--photo-png` was not written although asked for (the check passed all the same).
    var photoPNGError: String?

    init(_ record: QualificationCheckResult, photoPNG: String?, photoPNGError: String? = nil, language: MessageLanguage) {
        passed = true
        mode = record.mode.rawValue
        profile = record.profile == .standard ? "standard" : "emergency"
        warnings = record.warnings.map(\.rawValue)
        certificateValidity = record.certificateValidity.rawValue
        certificateExpiry = record.certificate.validity.expiryDay.description
        self.record = record
        self.photoPNG = photoPNG
        message = record.summary(in: language)
        warningMessages = record.warningMessages(in: language)
        self.language = language.rawValue
        self.photoPNGError = photoPNGError

        var lines = [
            message,
            Words.text(
                "check.certificate", language, record.certificateValidity.explanation(in: language), certificateExpiry),
        ]
        if case .emergency(let consent) = record.profile { lines.append(consent.explanation(in: language)) }
        for warning in warningMessages { lines.append(Words.text("check.warning", language, warning)) }
        if let photoPNG { lines.append(Words.text("check.photoWritten", language, photoPNG)) }
        if let photoPNGError { lines.append(Words.text("check.photoNotWritten", language, photoPNGError)) }
        text = lines.joined(separator: "\n") + "\n"
    }
}
