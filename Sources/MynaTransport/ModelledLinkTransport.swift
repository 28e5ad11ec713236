import MynaCodec
import Synchronization

/// A layer that accounts, for every exchange that passes through it, the time it would take on a stated
/// link (``LinkProfile``): APDUs, bytes each way and modelled time.
///
/// It changes nothing and waits for nothing: the time is computed, not spent, so the same exchanges always
/// give the same figures — usable in tests and benchmarks with the simulated card. Exchanges that got no
/// response (a ``TransportError``) are not counted.
///
/// ```swift
/// let link = ModelledLinkTransport(SimulatedCard(persona: .standard), profile: .contactlessTypeBAt424k)
/// let card = MyNumberCard(transport: link, capabilities: .init(link: link.profile))
/// _ = try await card.jpki.authenticationCertificate()
/// print(link.account.modelledTime, link.account.apdus)
/// ```
public final class ModelledLinkTransport<Base: CardTransport>: CardTransportLayer, Sendable {
    /// What has been exchanged so far.
    public struct Account: Hashable, Sendable {
        /// Command–response exchanges.
        public var apdus = 0
        /// Bytes of command APDUs, header and Lc/Le included.
        public var bytesSent = 0
        /// Bytes of responses, status words included.
        public var bytesReceived = 0
        /// The modelled time of all exchanges.
        public var modelledTime: Duration = .zero

        /// An empty account.
        package init() {}

        /// The modelled time in milliseconds.
        public var milliseconds: Double { LinkProfile.nanoseconds(modelledTime) / 1e6 }
    }

    /// The transport underneath.
    package let base: Base
    /// The link being modelled.
    public let profile: LinkProfile
    private let state = Mutex(Account())

    /// Models `profile` over `base`.
    public init(_ base: Base, profile: LinkProfile) {
        self.base = base
        self.profile = profile
    }

    /// The account so far.
    public var account: Account { state.withLock { $0 } }

    /// Starts the account from zero.
    package func resetAccount() {
        state.withLock { $0 = Account() }
    }

    /// Sends the command through the base transport and accounts the exchange.
    public func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU {
        let response = try await base.transmit(command)
        let time = profile.exchangeTime(command, response)
        state.withLock {
            $0.apdus += 1
            $0.bytesSent += command.encodedCount
            $0.bytesReceived += response.data.count + 2
            $0.modelledTime += time
        }
        return response
    }

    /// The transport underneath, for the forwarding that ``CardTransportLayer`` does: reset (not accounted),
    /// transactions and the preferred executor go to it.
    public var wrappedTransport: any CardTransport { base }
}

extension CardTransport {
    /// This transport with every exchange accounted on `profile`; see ``ModelledLinkTransport``.
    public func modellingLink(_ profile: LinkProfile) -> ModelledLinkTransport<Self> {
        ModelledLinkTransport(self, profile: profile)
    }
}
