import Logging
import MynaCodec
import MynaTransport

/// One connection's work, confined to a dedicated thread so that its blocking socket reads never occupy
/// Swift's cooperative pool.
actor VPCDSession {
    /// The session's thread; also the task executor of ``serve(_:)``'s caller, so that a card that is not
    /// an actor answers on this thread too, with no thread switch per APDU.
    nonisolated let executor: DedicatedThreadExecutor
    private let endpoint: VPCDEndpoint
    private let card: any CardTransport
    private let atr: [UInt8]
    private let logger: Logger

    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    init(endpoint: VPCDEndpoint, card: any CardTransport, atr: [UInt8], logger: Logger) {
        self.executor = DedicatedThreadExecutor(name: "MynaVPCD \(endpoint)")
        self.endpoint = endpoint
        self.card = card
        self.atr = atr
        self.logger = logger
    }

    deinit {
        executor.shutdown()
    }

    /// Connects to vpcd: to pcscd, the card is now inserted.
    func connect() throws(TransportError) -> VPCDSocket {
        let socket = try VPCDSocket.connect(to: endpoint)
        logger.debug("virtual card inserted", metadata: ["vpcd": "\(endpoint)"])
        return socket
    }

    /// Answers vpcd until the connection ends.
    ///
    /// - Throws: the card's ``TransportError`` when it gave no response (the connection is then ended, which
    ///   pcscd sees as a removed card), or a socket failure.
    func serve(_ socket: VPCDSocket) async throws {
        while let frame = try socket.receiveFrame() {
            switch frame.count {
            case 0:
                continue
            case 1:
                try await handle(VPCDFrame.Control(rawValue: frame[0]), socket)
            default:
                try socket.sendFrame(try await respond(to: frame))
            }
        }
        logger.debug("vpcd closed the connection", metadata: ["vpcd": "\(endpoint)"])
    }

    private func handle(_ control: VPCDFrame.Control, _ socket: VPCDSocket) async throws {
        logger.trace("vpcd control", metadata: ["control": "\(control)"])
        switch control {
        case .powerOff:
            // A card that models power (the simulated card) loses its verified state; others are reset at
            // power-on.
            if let card = card as? any PowerControlledCard { try await card.powerOff() }
        case .powerOn:
            if let card = card as? any PowerControlledCard {
                try await card.powerOn()
            } else {
                try await card.reset()
            }
        case .reset:
            try await card.reset()
        case .getATR:
            try socket.sendFrame(atr)
        default:
            // Unknown codes are not answered, as vpcd expects no answer to any code but get-ATR.
            break
        }
    }

    /// The card's response to one command frame. Command bytes are never logged: they may hold a PIN.
    private func respond(to frame: [UInt8]) async throws -> [UInt8] {
        let command: CommandAPDU
        do {
            command = try CommandAPDU(decoding: frame)
        } catch {
            // A card answers a command whose length fields do not add up with "wrong length".
            logger.trace("malformed command APDU", metadata: ["bytes": "\(frame.count)"])
            return [0x67, 0x00]
        }
        let response = try await card.transmit(command)
        logger.trace(
            "APDU",
            metadata: [
                "ins": "\(Hex.encode([command.ins]))", "nc": "\(command.data.count)",
                "ne": "\(command.ne.map(String.init) ?? "-")", "response": "\(response.data.count)",
                "sw": "\(response.statusWord)",
            ])
        return response.encoded()
    }
}
