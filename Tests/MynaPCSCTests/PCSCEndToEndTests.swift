import MynaCodec
import MynaPCSC
import MynaTransport
import MynaVPCD
import Testing

/// The PC/SC backend against pcscd and the vpcd virtual reader, with a scripted card inserted through
/// MynaVPCD. Skipped with instructions on a machine without pcscd; under CI=true they run and fail if
/// pcscd is missing.
@Suite(
    "PC/SC end to end (pcscd + vpcd, Virtual PCD 00 00)", .serialized, .timeLimit(.minutes(2)),
    .enabled(Comment(rawValue: PCSCTestEnvironment.howToEnable)) { await PCSCTestEnvironment.shouldRun() })
struct PCSCEndToEndTests {
    private let reader = PCSCTestEnvironment.reader
    private let bound = PCSCTestEnvironment.bound

    @Test("list readers: both virtual readers are attached")
    func listReaders() async throws {
        let context = try await PCSCTestEnvironment.context()
        let readers = try await context.readers()
        #expect(readers.contains("Virtual PCD 00 00"))
        #expect(readers.contains("Virtual PCD 00 01"))
    }

    @Test("wait for a card, then its insertion is seen with its ATR")
    func waitThenInsert() async throws {
        let context = try await PCSCTestEnvironment.context()
        try await context.waitForRemoval(from: reader, timeout: bound)
        let waiting = Task { try await context.waitForCard(in: reader, timeout: bound) }
        let inserted = try await InsertedCard.insert(ScriptedCard(), context: context)
        let presence = try await waiting.value
        #expect(presence == PCSCCardPresence(reader: reader, atr: ScriptedCard.atr))
        // Any reader: a card is found at once (ours, or one another suite put in the second virtual reader).
        let anyReader = try await context.waitForCard(timeout: bound)
        #expect(anyReader.reader.hasPrefix("Virtual PCD 00 0"))
        #expect(!anyReader.atr.isEmpty)
        try await inserted.remove(context: context)
    }

    @Test("a full read over PC/SC gives the same data as in process, in short and in extended APDUs")
    func fullRead() async throws {
        let context = try await PCSCTestEnvironment.context()
        let card = ScriptedCard()
        let inserted = try await InsertedCard.insert(card, context: context)
        let connection = try await context.connect(to: reader)
        #expect(await connection.activeProtocol == .t1)

        let inProcess = try await ScriptedCommands.readWholeFile(ScriptedCard())
        let overPCSC = try await ScriptedCommands.readWholeFile(connection)
        #expect(overPCSC == inProcess)
        #expect(overPCSC == ScriptedCard.file)

        // One extended READ BINARY: a response longer than a short APDU allows.
        let whole = try await connection.transmit(ScriptedCommands.readBinary(offset: 0, count: 65536))
        #expect(whole.statusWord == .success)
        #expect(whole.data == ScriptedCard.file)

        // Status words come back exactly, unknown ones included.
        let unknown = try await connection.transmit(CommandAPDU(cla: 0x00, ins: 0x7E, p1: 0, p2: 0))
        #expect(unknown.statusWord == .instructionNotSupported)

        let status = try await connection.status()
        #expect(status.atr == ScriptedCard.atr)
        #expect(status.readerNames.contains(reader))
        #expect(status.activeProtocol == .t1)

        try await connection.disconnect()
        let error = await #expect(throws: TransportError.self) { try await connection.transmit(ScriptedCommands.selectApplet()) }
        #expect(error?.code == .notConnected)
        try await inserted.remove(context: context)
    }

    @Test("card removed in the middle of a whole-file read → cardRemoved, no partial data; reinserted → read succeeds")
    func removalMidRead() async throws {
        let context = try await PCSCTestEnvironment.context()
        let virtualCard = Later<VirtualCardConnection>()
        let card = ScriptedCard { readCount in
            if readCount == 3 { await virtualCard.value?.stop() }
        }
        let inserted = try await InsertedCard.insert(card, context: context, connection: virtualCard)
        let connection = try await context.connect(to: reader)

        var contents: [UInt8]?
        let error = await #expect(throws: TransportError.self) {
            contents = try await ScriptedCommands.readWholeFile(connection)
        }
        #expect(contents == nil)
        #expect(error?.code == .cardRemoved)
        #expect(error?.systemCodeName?.hasPrefix("SCARD_") == true)
        try await inserted.serving.value

        // Still removed: every call says so.
        let again = await #expect(throws: TransportError.self) { try await connection.transmit(ScriptedCommands.selectApplet()) }
        #expect(again?.code == .cardRemoved)

        // Reinserted: a new connection reads the whole file.
        let reinserted = try await inserted.reinsert(context: context)
        let fresh = try await context.connect(to: reader)
        #expect(try await ScriptedCommands.readWholeFile(fresh) == ScriptedCard.file)
        // The first connection reaches the reinserted card after a reconnect.
        try await connection.reconnect()
        #expect(try await ScriptedCommands.readWholeFile(connection) == ScriptedCard.file)
        try await reinserted.remove(context: context)
    }

    @Test("reset by another client → cardReset on the next command; re-select and the read succeeds")
    func resetByAnotherClient() async throws {
        let context = try await PCSCTestEnvironment.context()
        let card = ScriptedCard()
        let inserted = try await InsertedCard.insert(card, context: context)
        let first = try await context.connect(to: reader)
        let otherContext = try await PCSCTestEnvironment.context()
        let second = try await otherContext.connect(to: reader)

        try await ScriptedCommands.expectSuccess(first.transmit(ScriptedCommands.selectApplet()))
        let resetsBefore = card.resetCount
        let atr = try await second.reset()
        #expect(atr == ScriptedCard.atr)
        #expect(card.resetCount > resetsBefore)

        let error = await #expect(throws: TransportError.self) {
            try await first.transmit(ScriptedCommands.selectEF(ScriptedCard.fileID))
        }
        #expect(error?.code == .cardReset)
        #expect(error?.systemCodeName == "SCARD_W_RESET_CARD")
        // The connection acknowledged the reset: the next read re-selects and succeeds.
        #expect(try await ScriptedCommands.readWholeFile(first) == ScriptedCard.file)
        try await inserted.remove(context: context)
    }

    @Test("own reset: the applet selection is lost, the next read re-selects and succeeds")
    func ownReset() async throws {
        let context = try await PCSCTestEnvironment.context()
        let card = ScriptedCard()
        let inserted = try await InsertedCard.insert(card, context: context)
        let connection = try await context.connect(to: reader)
        try await ScriptedCommands.expectSuccess(connection.transmit(ScriptedCommands.selectApplet()))
        #expect(try await connection.reset() == ScriptedCard.atr)
        // Selection lost: SELECT EF without the applet fails…
        let lost = try await connection.transmit(ScriptedCommands.selectEF(ScriptedCard.fileID))
        #expect(lost.statusWord == .fileNotFound)
        // …and a read that re-selects works.
        #expect(try await ScriptedCommands.readWholeFile(connection) == ScriptedCard.file)
        try await inserted.remove(context: context)
    }

    @Test("two clients: a transaction holds the card across VERIFY → SIGN; the signature is right")
    func transactionAgainstAnotherClient() async throws {
        let context = try await PCSCTestEnvironment.context()
        let card = ScriptedCard()
        let inserted = try await InsertedCard.insert(card, context: context)
        let signer = try await context.connect(to: reader)
        let intruderContext = try await PCSCTestEnvironment.context()
        let intruder = try await intruderContext.connect(to: reader)
        let message: [UInt8] = Array("document digest".utf8)

        let (signature, intrusion) = try await signer.withTransaction {
            try await ScriptedCommands.expectSuccess(signer.transmit(ScriptedCommands.selectApplet()))
            try await ScriptedCommands.expectSuccess(signer.transmit(ScriptedCommands.selectEF(ScriptedCard.pinID)))
            // The other client now tries to re-select the applet, which would clear the verified PIN; its
            // command is sent while the signer still has four exchanges to make inside the transaction.
            let intrusion = Task { try await intruder.transmit(ScriptedCommands.selectApplet()) }
            try await ScriptedCommands.expectSuccess(signer.transmit(ScriptedCommands.verify(ScriptedCard.pin)))
            _ = try await signer.status()
            try await ScriptedCommands.expectSuccess(signer.transmit(ScriptedCommands.selectEF(ScriptedCard.keyID)))
            let signed = try await ScriptedCommands.expectSuccess(signer.transmit(ScriptedCommands.sign(message)))
            return (signed.data, intrusion)
        }
        #expect(signature == ScriptedCard.signature(of: message))

        // The intruder waited for the transaction to end (pcsc-lite), or was refused with a sharing
        // violation (other PC/SC implementations): never did its command come in between.
        do {
            let response = try await intrusion.value
            #expect(response.statusWord == .success)
        } catch let error as TransportError {
            #expect(error.code == .sharingViolation)
        }
        let log = card.commandLog
        let verify = try #require(log.firstIndex(of: "verify"))
        let sign = try #require(log.firstIndex(of: "sign"))
        #expect(log[verify...sign] == ["verify", "select-ef", "sign"])
        try await inserted.remove(context: context)
    }

    @Test("an exclusive connection makes another client's connect a sharingViolation")
    func exclusive() async throws {
        let context = try await PCSCTestEnvironment.context()
        let inserted = try await InsertedCard.insert(ScriptedCard(), context: context)
        let owner = try await context.connect(to: reader, mode: .exclusive)
        let otherContext = try await PCSCTestEnvironment.context()
        let error = await #expect(throws: TransportError.self) { try await otherContext.connect(to: reader) }
        #expect(error?.code == .sharingViolation)
        #expect(error?.systemCodeName == "SCARD_E_SHARING_VIOLATION")
        try await owner.disconnect()
        let shared = try await otherContext.connect(to: reader)
        try await ScriptedCommands.expectSuccess(shared.transmit(ScriptedCommands.selectApplet()))
        try await inserted.remove(context: context)
    }

    @Test("a T=1 card asked for T=0 only → unsupportedProtocol")
    func protocolMismatch() async throws {
        let context = try await PCSCTestEnvironment.context()
        let inserted = try await InsertedCard.insert(ScriptedCard(), context: context)
        let error = await #expect(throws: TransportError.self) { try await context.connect(to: reader, protocols: .t0) }
        #expect(error?.code == .unsupportedProtocol)
        #expect(error?.systemCodeName == "SCARD_E_PROTO_MISMATCH")
        try await inserted.remove(context: context)
    }

    @Test("no card: connect → noCard; waitForCard with a timeout → timeout")
    func noCard() async throws {
        let context = try await PCSCTestEnvironment.context()
        try await context.waitForRemoval(from: reader, timeout: bound)
        let connectError = await #expect(throws: TransportError.self) { try await context.connect(to: reader) }
        #expect(connectError?.code == .noCard)
        #expect(connectError?.systemCodeName == "SCARD_E_NO_SMARTCARD")
        let waitError = await #expect(throws: TransportError.self) {
            try await context.waitForCard(in: reader, timeout: .milliseconds(300))
        }
        #expect(waitError?.code == .timeout)
    }

    @Test("an unknown reader → noReader")
    func unknownReader() async throws {
        let context = try await PCSCTestEnvironment.context()
        let connectError = await #expect(throws: TransportError.self) { try await context.connect(to: "No Such Reader 99") }
        #expect(connectError?.code == .noReader)
        let waitError = await #expect(throws: TransportError.self) {
            try await context.waitForCard(in: "No Such Reader 99", timeout: bound)
        }
        #expect(waitError?.code == .noReader)
    }

    @Test("cancelling a wait for a card ends it with cancelled (SCardCancel)")
    func cancelWait() async throws {
        let context = try await PCSCTestEnvironment.context()
        try await context.waitForRemoval(from: reader, timeout: bound)
        // Cancelled before it starts.
        let early = Task { try await context.waitForCard(in: reader) }
        early.cancel()
        let earlyError = await #expect(throws: TransportError.self) { try await early.value }
        #expect(earlyError?.code == .cancelled)
        // Cancelled while it waits (two round trips to pcscd give it time to start): SCardCancel ends it.
        let waiting = Task { try await context.waitForCard(in: reader) }
        _ = try await context.readers()
        _ = try await context.readers()
        waiting.cancel()
        let error = await #expect(throws: TransportError.self) { try await waiting.value }
        #expect(error?.code == .cancelled)
        #expect(error?.systemCodeName == "SCARD_E_CANCELLED")
    }

    @Test("reader events: the readers first, then insertion with ATR and removal")
    func events() async throws {
        let context = try await PCSCTestEnvironment.context()
        try await context.waitForRemoval(from: reader, timeout: bound)
        var events = context.readerEvents().filter { $0.reader == PCSCTestEnvironment.reader }.makeAsyncIterator()
        #expect(try await events.next() == .readerAttached(reader: reader))
        let inserted = try await InsertedCard.insert(ScriptedCard(), context: context)
        #expect(try await events.next() == .cardInserted(PCSCCardPresence(reader: reader, atr: ScriptedCard.atr)))
        try await inserted.remove(context: context)
        #expect(try await events.next() == .cardRemoved(reader: reader))
    }

    @Test("logs carry no APDU data: a PIN sent in VERIFY is absent even at trace level")
    func redaction() async throws {
        _ = try await PCSCTestEnvironment.context()
        let capture = LogStore()
        let context = try await PCSCContext.establish(logger: capture.logger())
        let inserted = try await InsertedCard.insert(ScriptedCard(), context: context)
        let connection = try await context.connect(to: reader)
        let secret: [UInt8] = Array("4321".utf8)
        try await ScriptedCommands.expectSuccess(connection.transmit(ScriptedCommands.selectApplet()))
        try await ScriptedCommands.expectSuccess(connection.transmit(ScriptedCommands.selectEF(ScriptedCard.pinID)))
        let wrong = try await connection.transmit(ScriptedCommands.verify(secret))
        #expect(wrong.statusWord == StatusWord(0x63C2))
        try await connection.disconnect()
        try await inserted.remove(context: context)

        let lines = capture.lines
        #expect(lines.contains { $0.contains("APDU") && $0.contains("ins=20") && $0.contains("sw=") })
        #expect(lines.contains { $0.contains("connected") })
        let joined = lines.joined(separator: "\n")
        for rendering in [Hex.encode(secret), Hex.encode(secret, separator: " "), "4321"] {
            #expect(!joined.contains(rendering))
        }
        #expect(lines.allSatisfy { $0.hasPrefix("trace") || $0.hasPrefix("debug") })
    }

    @Test("a released context reports notConnected")
    func released() async throws {
        let context = try await PCSCTestEnvironment.context()
        await context.release()
        let error = await #expect(throws: TransportError.self) { try await context.readers() }
        #expect(error?.code == .notConnected)
    }
}
