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
        let otherCard = otherCardReadsFine?.value
        let elsewhere = cardReadsFineElsewhere?.value
        if global.reader == nil, !global.wantsSimulatedCard {
            if case .unavailable(let reason, let error) = await PCSCBackend.firstCard(logger: runner.logger) {
                Output.note("No card to diagnose (\(reason)).")
                let result = DiagnoseResult(
                    diagnosis: Diagnosis(
                        error: error, anotherCardReadsFineOnThisReader: otherCard, thisCardReadsFineOnAnotherReader: elsewhere),
                    observations: .init(error: Failure(error)))
                runner.emit(result, backend: nil)
                return
            }
        }
        let faceStore = faceStore
        let noCard = { (error: any Error) in
            DiagnoseResult(
                diagnosis: Diagnosis(
                    error: error, anotherCardReadsFineOnThisReader: otherCard, thisCardReadsFineOnAnotherReader: elsewhere),
                observations: .init(error: Failure(error)))
        }
        try await runner.run(noCard: noCard) { context in
            let store: any FaceFailureStore =
                faceStore.map { FileFaceFailureStore(url: URL(fileURLWithPath: $0)) } ?? InMemoryFaceFailureStore()
            let check = QualificationCheck(card: context.session.card, faceFailures: store, logger: context.logger)
            var observations = DiagnosisObservations(
                anotherCardReadsFineOnThisReader: otherCard, thisCardReadsFineOnAnotherReader: elsewhere)
            do {
                let now = Date()
                if try await check.tokenKind().isSmartphone {
                    // A phone: the certificate needs the PIN, and there is no common applet; counters only.
                    observations.lockState = try await check.lockState()
                    return DiagnoseResult(diagnosis: Diagnosis(observations), observations: .init(observations))
                }
                let certificate = try await check.certificate()
                observations.certificateValidity = certificate.validity.status(at: now)
                observations.lockState = try await check.lockState()
                let identity = try await context.session.card.commonCard.cardIdentity()
                observations.cardExpired = CardExpiry(lastValidDay: identity.cardExpiry).isExpired(at: now)
            } catch {
                observations.error = error
            }
            return DiagnoseResult(diagnosis: Diagnosis(observations), observations: .init(observations))
        }
    }
}

/// The result of `myna diagnose`.
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

        init(error: Failure) {
            self.error = error
        }

        init(_ observations: DiagnosisObservations) {
            certificateValidity = observations.certificateValidity?.rawValue
            cardExpired = observations.cardExpired
            anotherCardReadsFineOnThisReader = observations.anotherCardReadsFineOnThisReader
            thisCardReadsFineOnAnotherReader = observations.thisCardReadsFineOnAnotherReader
            if let lockState = observations.lockState {
                counters = ([lockState.userAuthenticationPIN] + (lockState.signaturePassword.map { [$0] } ?? []))
                    .map(CounterJSON.init)
                faceFailures = lockState.faceFailures.consecutiveFailures
                locks = lockState.locks.map(\.kind.rawValue)
            }
            error = observations.error.map(Failure.init)
        }
    }

    /// The chart's answer.
    struct DiagnosisJSON: Encodable, Sendable {
        var code: String
        var remedy: String
        var stillWorks: [String]
    }

    var diagnosis: DiagnosisJSON
    var observations: Observations

    init(diagnosis: Diagnosis, observations: Observations) {
        self.diagnosis = DiagnosisJSON(
            code: diagnosis.code.rawValue, remedy: diagnosis.remedy, stillWorks: diagnosis.stillWorks.map(\.rawValue))
        self.observations = observations
    }

    var text: String {
        var lines = ["Diagnosis: \(diagnosis.code)", diagnosis.remedy]
        if !diagnosis.stillWorks.isEmpty {
            lines.append("Still works for the insurance check: \(diagnosis.stillWorks.joined(separator: ", ")).")
        }
        if let validity = observations.certificateValidity {
            lines.append("Certificate: \(ValidityWords.describe(validity)).")
        }
        if let cardExpired = observations.cardExpired { lines.append("Card expired: \(cardExpired ? "yes" : "no").") }
        for counter in observations.counters ?? [] {
            lines.append("\(counter.credential): \(counter.summary).")
        }
        if let faceFailures = observations.faceFailures {
            lines.append("Face-authentication failures in a row: \(faceFailures) of \(FaceFailureRecord.lockThreshold).")
        }
        if let error = observations.error { lines.append("Observed: \(error.message)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
