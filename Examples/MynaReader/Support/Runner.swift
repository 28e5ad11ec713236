import ArgumentParser
import Logging
import MynaCard

/// What a command's body gets: the card, the secrets, the options.
struct CommandContext {
    /// The open card.
    let session: CardSession
    /// Where secrets come from; the last-try guard.
    let credentials: CredentialInput
    /// The global options.
    let options: GlobalOptions
    /// The library's logger (stderr at trace level with `--trace`, else nowhere).
    let logger: Logger

    /// The verification options of every card operation: `--allow-last-try` agrees in advance; otherwise
    /// the library asks ``CredentialInput/confirmLastTry(_:)`` — inside the operation's transaction, before
    /// anything that spends a try is sent — when one try is left or the card reports no counter. A no (or
    /// no terminal to ask on) makes the library refuse with nothing sent (exit 10); a yes lets the same
    /// operation go on: nothing is run twice.
    var verificationOptions: VerificationOptions {
        let consent = LastTryConsent(credentials)
        return VerificationOptions(
            allowLastAttempt: options.allowLastTry, lastAttemptConsent: { question in consent.ask(question) })
    }
}

/// Hands the terminal question to the library's consent callback.
///
/// `@unchecked Sendable`: the library calls the callback at most once per verification, from the one task
/// that runs the command, while that task waits for the answer; nothing else uses the terminal meanwhile.
private final class LastTryConsent: @unchecked Sendable {
    private let credentials: CredentialInput

    init(_ credentials: CredentialInput) { self.credentials = credentials }

    func ask(_ question: LastAttemptQuestion) -> Bool { credentials.confirmLastTry(question) }
}

/// Runs a command: opens the card, runs the body, prints the result or the failure, and turns the
/// failure class into the exit status (thrown as `ExitCode`, which the entry point exits with).
struct Runner {
    /// The command's name in JSON (`info`, `certificate`, …).
    let command: String
    /// The global options.
    let options: GlobalOptions

    /// The library's logger: stderr at trace level with `--trace`, else discarded.
    var logger: Logger {
        guard options.trace else { return Logger(label: "myna", factory: { _ in SwiftLogNoOpLogHandler() }) }
        var logger = Logger(label: "myna", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = .trace
        return logger
    }

    /// Runs `body` on the card the options choose.
    ///
    /// - Parameter noCard: when given, the result to print instead of a failure when the card cannot be
    ///   opened at all (`diagnose` turns that into a diagnosis).
    func run<R: CommandResult>(
        noCard: ((any Error) -> R)? = nil, _ body: (CommandContext) async throws -> R
    ) async throws {
        let logger = self.logger
        let session: CardSession
        do {
            session = try await CardSession.open(options, logger: logger)
        } catch {
            if let noCard {
                emit(noCard(error), backend: nil)
                return
            }
            throw report(Failure(error, language: options.messageLanguage), backend: nil)
        }
        let context = CommandContext(
            session: session, credentials: options.credentialInput(), options: options, logger: logger)
        let result: R
        do {
            result = try await body(context)
        } catch {
            let failure = await Failure.onPhoneToken(
                Failure(error, language: options.messageLanguage), error: error, card: session.card)
            await session.close()
            throw report(failure, backend: session.backend)
        }
        await session.close()
        emit(result, backend: session.backend)
    }

    /// Runs `body`, which needs no card (listing readers, serving the virtual card).
    func runWithoutCard<R: CommandResult>(_ body: () async throws -> R) async throws {
        let result: R
        do {
            result = try await body()
        } catch {
            throw report(Failure(error, language: options.messageLanguage), backend: nil)
        }
        emit(result, backend: nil)
    }

    /// Prints a result.
    func emit<R: CommandResult>(_ result: R, backend: BackendDescription?) {
        if options.json {
            Output.json(Envelope(command: command, backend: backend, result: result, error: nil))
        } else {
            Output.text(result.text)
        }
    }

    /// Prints a failure and returns the exit to throw.
    func report(_ failure: Failure, backend: BackendDescription?) -> ExitCode {
        Output.failure(failure.localized(options.messageLanguage), command: command, backend: backend, json: options.json)
        return ExitCode(failure.exitStatus.rawValue)
    }
}
