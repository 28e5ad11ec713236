import MynaCodec
import MynaTransport
import Synchronization

/// ISO/IEC 7816-4 commands over any ``/MynaTransport/CardTransport``.
///
/// One instance per card connection. It remembers what it has learned about the card (whether extended
/// length and short EF identifiers work, which application is selected) so that later reads take the
/// fewest APDUs the card allows. Safe to share between tasks; to keep a sequence such as VERIFY → SIGN
/// together, run it inside ``/MynaTransport/CardTransport/withTransaction(isolation:_:)`` on its transport.
public final class ISO7816Card: Sendable {
    struct State {
        var capabilities: Capabilities
        var selectedApplication: ApplicationIdentifier?
        /// Advanced whenever the card may have lost its session state (reset, removal).
        var sessionGeneration: UInt64 = 0
    }

    /// The transport commands go through.
    package let transport: any CardTransport
    /// The lengths the file reader expects; see ``ReadSizeHints``.
    package let sizeHints: ReadSizeHints
    let state: Mutex<State>

    /// Wraps a transport.
    ///
    /// - Parameter transport: how APDUs reach the card.
    /// - Parameter capabilities: what is already known about the card, e.g. from its basic-info file or
    ///   because the reader only does short APDUs.
    /// - Parameter sizeHints: the file lengths to expect; pass one instance to every card an app reads so
    ///   that lengths learned on one card serve the next.
    public init(
        transport: any CardTransport, capabilities: Capabilities = Capabilities(),
        sizeHints: ReadSizeHints = ReadSizeHints()
    ) {
        self.transport = transport
        self.sizeHints = sizeHints
        self.state = Mutex(State(capabilities: capabilities, selectedApplication: nil))
    }

    /// What has been learned about the card so far.
    public var capabilities: Capabilities {
        get { state.withLock { $0.capabilities } }
    }

    /// Records what is known about the card.
    package func setCapabilities(_ capabilities: Capabilities) {
        state.withLock { $0.capabilities = capabilities }
    }

    /// The application selected by the last successful ``select(_:)``, if the card has not been reset since.
    package var selectedApplication: ApplicationIdentifier? {
        state.withLock { $0.selectedApplication }
    }

    // MARK: Raw exchange

    /// Sends a command and returns the response whatever its status word.
    ///
    /// A transport error that says the card was reset or removed forgets the selected application, so the
    /// next `selectIfNeeded(_:)` selects again.
    public func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU {
        do {
            return try await transport.transmit(command)
        } catch let error as TransportError {
            if error.code == .cardReset || error.code == .cardRemoved || error.code == .noCard {
                state.withLock {
                    $0.selectedApplication = nil
                    $0.sessionGeneration &+= 1
                }
            }
            throw error
        }
    }

    /// Warm-resets the card; the selected application is lost (a verified state may not be: on the My Number
    /// Card it survives a warm reset).
    @discardableResult
    public func reset() async throws -> [UInt8] {
        state.withLock {
            $0.selectedApplication = nil
            $0.sessionGeneration &+= 1
        }
        return try await transport.reset()
    }

    /// Forgets the selected application (for example after another application may have used the card).
    package func invalidateSelection() {
        state.withLock { $0.selectedApplication = nil }
    }

    /// Which card session this is: advanced by ``reset()`` and by a transport error saying the card was reset
    /// or removed. Whatever was cached under another value belongs to a session that is over.
    package var sessionGeneration: UInt64 {
        state.withLock { $0.sessionGeneration }
    }

    /// Applies a change to what is known about the card (the file reader learns capabilities as it reads).
    func updateCapabilities(_ body: (inout Capabilities) -> Void) {
        state.withLock { body(&$0.capabilities) }
    }


    static func requireSuccess(_ response: ResponseAPDU, _ instruction: Instruction) throws(CardCommandError) {
        guard response.statusWord.isSuccess else {
            throw CardCommandError(statusWord: response.statusWord, instruction: instruction)
        }
    }
}
