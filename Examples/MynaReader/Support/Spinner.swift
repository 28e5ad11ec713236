import MynaKit
import Synchronization

/// A spinner with the elapsed seconds on stderr, for waits on a terminal (never drawn otherwise: callers
/// check ``Terminal/standardErrorIsTerminal``). The line is erased when it stops.
final class Spinner: Sendable {
    private static let frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
    private let message: String
    private let language: MessageLanguage
    private let task = Mutex<Task<Void, Never>?>(nil)
    /// Held while a frame is drawn or a line is printed, so that the two never mix on one line.
    private let screen = Mutex(())

    init(message: String, language: MessageLanguage) {
        self.message = message
        self.language = language
    }

    /// Starts drawing.
    func start() {
        let (message, language) = (message, language)
        let drawing = Task { [self] in
            let start = ContinuousClock.now
            var frame = 0
            while !Task.isCancelled {
                let elapsed = (ContinuousClock.now - start).components.seconds
                self.screen.withLock { _ in
                    let progress = Words.text("spinner.progress", language, message, String(elapsed))
                    Output.rawError("\r\(Self.frames[frame % Self.frames.count]) \(progress) ")
                }
                frame += 1
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
        task.withLock { $0 = drawing }
    }

    /// Erases the spinner's line, runs `body` (which prints a line of its own), and lets the spinner draw
    /// again below it.
    func printing(_ body: () -> Void) {
        screen.withLock { _ in
            Output.rawError("\r\u{1B}[2K")
            body()
        }
    }

    /// Stops drawing and erases the line.
    func stop() async {
        guard let drawing = task.withLock({ current -> Task<Void, Never>? in
            defer { current = nil }
            return current
        }) else { return }
        drawing.cancel()
        await drawing.value
        Output.rawError("\r\u{1B}[2K")
    }
}
