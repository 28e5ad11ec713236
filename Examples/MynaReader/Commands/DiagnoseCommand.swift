import ArgumentParser
import Foundation
import MynaCard
import MynaKit
import MynaTransport

/// `myna diagnose`: the clinics' troubleshooting chart (MynaKit `Diagnosis`) on what the reader and the card
/// show — spending nothing.
struct DiagnoseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagnose",
        abstract: "Walk the troubleshooting chart: reader, card, locks, certificate and card validity — spending nothing.",
        discussion: """
            Reads the lock state (empty VERIFYs), the user-authentication certificate's validity and the card's \
            expiry, and names the branch with its remedy and the check modes that still work. \
            --other-card-reads-fine and --card-reads-fine-elsewhere (the swaps the chart asks for) tell a card \
            fault from a reader fault. Without --reader \
            or --simulated it diagnoses the PC/SC situation as it is (no service, no reader, no card) instead \
            of falling back to the simulated card. Exit status 0 whenever a diagnosis was made.
            """)

    /// The operator's observation.
    enum Observation: String, ExpressibleByArgument, CaseIterable, Sendable {
        case yes, no

        var value: Bool { self == .yes }
    }

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Does another card read fine on this reader? yes or no (tells a card fault from a reader fault).")
    var otherCardReadsFine: Observation?

    @Option(name: .long, help: "Does this card read fine on another reader? yes or no (the other swap).")
    var cardReadsFineElsewhere: Observation?

    @Option(name: .long, help: ArgumentHelp("The face-failure file `check --face-store` keeps.", valueName: "file"))
    var faceStore: String?

    func run() async throws {
        let runner = Runner(command: "diagnose", options: global)
        let language = global.messageLanguage
        let otherCard = otherCardReadsFine?.value
        let elsewhere = cardReadsFineElsewhere?.value
        let noCard = { (error: any Error) in
            DiagnoseResult(
                Observed(error: error, anotherCardReadsFineOnThisReader: otherCard, thisCardReadsFineOnAnotherReader: elsewhere),
                language: language)
        }
        if global.reader == nil, !global.wantsSimulatedCard {
            if case .unavailable(let reason, let error) = await PCSCBackend.firstCard(logger: runner.logger) {
                Output.note(Words.text("diagnose.noCard", language, reason))
                runner.emit(noCard(error), backend: nil)
                return
            }
        }
        let faceStore = faceStore
        try await runner.run(noCard: noCard) { context in
            let store: any FaceFailureStore =
                faceStore.map { FileFaceFailureStore(url: URL(fileURLWithPath: $0)) } ?? InMemoryFaceFailureStore()
            let check = QualificationCheck(card: context.session.card, faceFailures: store, logger: context.logger)
            var observations = Observed(
                anotherCardReadsFineOnThisReader: otherCard, thisCardReadsFineOnAnotherReader: elsewhere)
            do {
                let now = Date()
                let token = try await check.tokenKind()
                observations.tokenKind = token
                if token.isSmartphone {
                    // A phone: the certificate needs the PIN, and there is no common applet; counters only.
                    observations.lockState = try await check.lockState()
                    return DiagnoseResult(observations, language: language)
                }
                let certificate = try await check.certificate()
                observations.certificateValidity = certificate.validity.status(at: now)
                observations.lockState = try await check.lockState()
                let identity = try await context.session.card.commonCard.cardIdentity()
                observations.cardExpired = identity.cardExpiry.hasEnded(at: now)
            } catch {
                observations.error = error
            }
            return DiagnoseResult(observations, language: language)
        }
    }
}

/// What `myna diagnose` observed, gathered step by step, for the chart (``Diagnosis``) and the JSON.
struct Observed {
    var error: (any Error)?
    var lockState: CardLockState?
    var certificateValidity: ValidityStatus?
    var cardExpired: Bool?
    var tokenKind: TokenKind?
    var anotherCardReadsFineOnThisReader: Bool?
    var thisCardReadsFineOnAnotherReader: Bool?

    /// The chart's answer for what was observed.
    var diagnosis: Diagnosis {
        Diagnosis(
            error: error, lockState: lockState, certificateValidity: certificateValidity, cardExpired: cardExpired,
            tokenKind: tokenKind, anotherCardReadsFineOnThisReader: anotherCardReadsFineOnThisReader,
            thisCardReadsFineOnAnotherReader: thisCardReadsFineOnAnotherReader)
    }
}

/// The result of `myna diagnose`: the chart's answer with its words in the chosen language, and what it was
/// based on. The JSON keeps the stable codes; `message` and `remedy` are in the chosen language.
struct DiagnoseResult: CommandResult {
    /// What was observed.
    struct Observations: Encodable, Sendable {
        var certificateValidity: String?
        var cardExpired: Bool?
        var anotherCardReadsFineOnThisReader: Bool?
        var thisCardReadsFineOnAnotherReader: Bool?
        var counters: [CounterJSON]?
        var faceFailures: Int?
        var locks: [String]?
        /// The failure met while observing, if any.
        var error: Failure?
    }

    /// The chart's answer.
    struct DiagnosisJSON: Encodable, Sendable {
        var code: String
        /// What the chart found, in the chosen language.
        var message: String
        /// What to do, in the chosen language.
        var remedy: String
        var stillWorks: [String]
    }

    var diagnosis: DiagnosisJSON
    var observations: Observations
    /// The language of the words (`ja` or `en`).
    var language: String
    /// The text rendering, in the same language.
    let text: String

    private enum CodingKeys: String, CodingKey { case diagnosis, observations, language }

    init(_ observations: Observed, language: MessageLanguage) {
        let diagnosis = observations.diagnosis
        self.diagnosis = DiagnosisJSON(
            code: diagnosis.code.rawValue, message: diagnosis.summary(in: language), remedy: diagnosis.remedy(in: language),
            stillWorks: diagnosis.stillWorks.map(\.rawValue))
        let failure = observations.error.map { Failure($0, language: language) }
        var json = Observations(
            certificateValidity: observations.certificateValidity?.rawValue, cardExpired: observations.cardExpired,
            anotherCardReadsFineOnThisReader: observations.anotherCardReadsFineOnThisReader,
            thisCardReadsFineOnAnotherReader: observations.thisCardReadsFineOnAnotherReader, error: failure)
        var counters: [RetryCounter] = []
        if let lockState = observations.lockState {
            counters = [lockState.userAuthenticationPIN] + (lockState.signaturePassword.map { [$0] } ?? [])
            json.counters = counters.map(CounterJSON.init)
            json.faceFailures = lockState.faceFailures.consecutiveFailures
            json.locks = lockState.locks.map(\.kind.rawValue)
        }
        self.observations = json
        self.language = language.rawValue

        var lines = [
            Words.text("diagnose.diagnosis", language, diagnosis.summary(in: language), diagnosis.code.rawValue),
            diagnosis.remedy(in: language),
        ]
        if !diagnosis.stillWorks.isEmpty {
            lines.append(QualificationMode.stillWorksSentence(diagnosis.stillWorks, in: language))
        }
        if let validity = observations.certificateValidity {
            lines.append(Words.text("diagnose.certificate", language, validity.explanation(in: language)))
        }
        if let cardExpired = observations.cardExpired {
            lines.append(Words.text(cardExpired ? "diagnose.cardExpired.yes" : "diagnose.cardExpired.no", language))
        }
        for counter in counters {
            lines.append(
                Words.text("diagnose.counter", language, counter.credential.localizedName(in: language), counter.explanation(in: language)))
        }
        if let faceFailures = json.faceFailures {
            lines.append(Words.text("diagnose.faceFailures", language, faceFailures, FaceFailureRecord.lockThreshold))
        }
        if let failure { lines.append(Words.text("diagnose.observed", language, failure.message)) }
        text = lines.joined(separator: "\n") + "\n"
    }
}
