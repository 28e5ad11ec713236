import ArgumentParser
import Foundation

/// `myna`: the MynaKit example reader for testers of the My Number Card.
///
/// It holds no protocol logic: every card operation is a call into MynaKit's modules; this executable
/// only parses arguments, asks for secrets, prints, and maps failures to plain words and exit statuses.
struct Myna: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "myna",
        abstract: "Read and use a My Number Card (マイナンバーカード) — in a PC/SC reader or the embedded simulated card.",
        discussion: """
            Without --reader or --simulated, the first PC/SC reader holding a card is used; when there is no \
            smart-card service, no reader or no card, the embedded simulated card is used and stderr says so.

            PINs are never taken as command-line values: they are asked on the terminal with echo off, or \
            read from an environment variable (MYNA_PIN, MYNA_SIGN_PASSWORD, MYNA_CARD_INFO_PIN, MYNA_PIN_A, \
            MYNA_SECURITY_CODE, MYNA_NEW_PIN, …; --pin-env renames the command's), or from standard input \
            with --pin-stdin.

            Exit statuses: 0 ok, 1 other failure, 2 usage, 3 no reader or card, 4 wrong PIN, 5 locked, \
            6 certificate problem, 7 card data failed its check, 8 reader or service failure, 9 not on this \
            card, 10 last try not confirmed, 11 check did not pass, 130 interrupted.

            The testers' guide: Documentation/example-reader.md.
            """,
        subcommands: [
            ReadersCommand.self, WatchCommand.self, InfoCommand.self, CertificateCommand.self, AttributesCommand.self,
            NumberCommand.self, FaceCommand.self, SignCommand.self, VerifySignatureCommand.self, ChangePINCommand.self,
            CheckCommand.self, DiagnoseCommand.self, VPCDCommand.self,
        ]
    )

    @OptionGroup var global: GlobalOptions
}

/// The entry point: parses, runs, and exits with the documented statuses — 2 (not ArgumentParser's 64)
/// for usage errors, in JSON too with `--json`.
@main
enum MynaMain {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        var command: any ParsableCommand
        do {
            command = try await Myna.asyncParseAsRoot(arguments)
        } catch {
            exitForParseError(error, arguments: arguments)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch where Myna.exitCode(for: error) == .success || Myna.exitCode(for: error) == .validationFailure {
            // Help asked for by `myna` alone or `myna help …`, or a validation error raised while running.
            exitForParseError(error, arguments: arguments)
        } catch {
            // Runner reports every failure itself; this is the safety net for anything thrown outside it.
            let failure = Failure(error)
            Output.failure(failure, command: commandName(arguments), backend: nil, json: arguments.contains("--json"))
            Foundation.exit(failure.exitStatus.rawValue)
        }
        Foundation.exit(ExitStatus.success.rawValue)
    }

    private static func exitForParseError(_ error: any Error, arguments: [String]) -> Never {
        if Myna.exitCode(for: error) == .success {
            // --help, help, --version: ArgumentParser's text on stdout.
            Myna.exit(withError: error)
        }
        let message = Myna.message(for: error)
        if arguments.contains("--json") {
            let failure = Failure.usage(message)
            Output.failure(failure, command: commandName(arguments), backend: nil, json: true)
        } else {
            Output.note(Myna.fullMessage(for: error))
        }
        Foundation.exit(ExitStatus.usage.rawValue)
    }

    /// The subcommand named in `arguments`, or `myna`.
    private static func commandName(_ arguments: [String]) -> String {
        let names = Myna.configuration.subcommands.compactMap { $0.configuration.commandName }
        return arguments.first(where: { names.contains($0) }) ?? "myna"
    }
}
