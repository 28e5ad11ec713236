import Synchronization

/// What the reader expects a file's content to measure, so that the first READ BINARY asks for about the
/// content and not for the filler after it.
///
/// The file reader (``ISO7816Card/readFile(_:layout:)``) consults it for a file that starts with a BER-TLV
/// data object and records every length it reads. Lengths fixed by the card's format (a card-verifiable
/// certificate is always 567 bytes) are stated by the card layer; others are learned. One
/// instance belongs to each ``ISO7816Card`` by default; an app that reads card after card (a reception
/// terminal) passes one long-lived instance to every card, so that from the second card on each file is
/// read in one READ BINARY of about its length. The lengths are of public structure, never content.
public final class ReadSizeHints: Sendable {
    /// Where a file is: the application selected when it was read (or `nil`) and its identifier.
    package struct Key: Hashable, Sendable {
        /// The application the file belongs to, or `nil` when none was selected through ``ISO7816Card``.
        package var application: ApplicationIdentifier?
        /// The file.
        package var file: FileIdentifier

        /// A key.
        package init(application: ApplicationIdentifier?, file: FileIdentifier) {
            self.application = application
            self.file = file
        }
    }

    /// What is expected of one file.
    package enum Hint: Hashable, Sendable {
        /// The format fixes the length (header included): the first READ BINARY asks for exactly this.
        case exact(Int)
        /// The length last read (header included): the first READ BINARY asks for a little more, so that a
        /// slightly longer file on the next card still comes in one command.
        case learned(Int)

        /// The length, header included.
        package var length: Int {
            switch self {
            case .exact(let n), .learned(let n): n
            }
        }
    }

    let hints = Mutex<[Key: Hint]>([:])

    /// An empty set of hints.
    public init() {}

    /// States that the data object `file` starts with is `length` bytes, header included (fixed by the
    /// format). Ignored for lengths outside 1…65536.
    package func expect(_ file: FileIdentifier, in application: ApplicationIdentifier?, length: Int) {
        guard (1...65536).contains(length) else { return }
        hints.withLock { $0[Key(application: application, file: file)] = .exact(length) }
    }

    /// The hint for a file, if any.
    package func hint(for file: FileIdentifier, in application: ApplicationIdentifier?) -> Hint? {
        hints.withLock { $0[Key(application: application, file: file)] }
    }

    /// Records the length just read; a stated length that the card confirmed stays stated.
    func learn(_ length: Int, for file: FileIdentifier, in application: ApplicationIdentifier?) {
        guard (1...65536).contains(length) else { return }
        hints.withLock {
            let key = Key(application: application, file: file)
            if $0[key] == .exact(length) { return }
            $0[key] = .learned(length)
        }
    }
}
