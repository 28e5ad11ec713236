import Logging
import MynaCodec

/// A layer that logs every exchange through the caller's `Logger` at `.trace` level.
///
/// The data of VERIFY, CHANGE REFERENCE DATA and RESET RETRY COUNTER is always masked. Response data —
/// certificates, names, photos — is shown only as a byte count unless the caller opts in with
/// ``Options/revealsResponseData``.
public struct TracingTransport<Base: CardTransport>: CardTransportLayer, TransactionalTransport {
    /// What the trace shows.
    public struct Options: Hashable, Sendable {
        /// Show response data in hex. Off by default: responses hold personal data.
        public var revealsResponseData: Bool

        /// Creates options; response data is redacted by default.
        public init(revealsResponseData: Bool = false) {
            self.revealsResponseData = revealsResponseData
        }
    }

    /// The transport underneath.
    package let base: Base
    /// The transport underneath, for the forwarding that ``CardTransportLayer`` does.
    public var wrappedTransport: any CardTransport { base }
    /// The caller's logger.
    package let logger: Logger
    /// What the trace shows.
    package let options: Options

    /// Wraps `base`, logging to `logger`; apps write `base.tracing(to: logger, options: options)`.
    package init(_ base: Base, logger: Logger, options: Options = Options()) {
        self.base = base
        self.logger = logger
        self.options = options
    }

    /// The line logged for a command: hex with secret data masked.
    package static func traceLine(for command: CommandAPDU) -> String {
        "> " + command.description
    }

    /// The line logged for a response: the status word and either the data length or the data.
    package static func traceLine(for response: ResponseAPDU, revealingData: Bool) -> String {
        if revealingData, !response.data.isEmpty {
            return "< " + Hex.encode(response.data) + " " + response.statusWord.description
        }
        return "< " + response.description
    }

    /// Logs the command (secrets masked), sends it, and logs the response (data redacted unless
    /// ``Options/revealsResponseData``) or, at `.debug`, the error.
    public func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU {
        logger.trace("\(Self.traceLine(for: command))")
        do {
            let response = try await base.transmit(command)
            logger.trace("\(Self.traceLine(for: response, revealingData: options.revealsResponseData))")
            return response
        } catch {
            logger.debug("< no response: \(error)")
            throw error
        }
    }

    /// Logs the reset and the answer to reset.
    @discardableResult
    public func reset() async throws -> [UInt8] {
        logger.trace("reset")
        let atr = try await base.reset()
        logger.trace("ATR \(Hex.encode(atr, separator: " "))")
        return atr
    }

    /// Logs and begins a transaction on the transport underneath.
    package func beginTransaction() async throws {
        logger.trace("begin transaction")
        try await base.beginTransactionIfSupported()
    }

    /// Logs and ends the transaction on the transport underneath.
    package func endTransaction() async throws {
        logger.trace("end transaction")
        try await base.endTransactionIfSupported()
    }
}
