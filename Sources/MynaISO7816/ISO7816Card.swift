import MynaCodec
import MynaTransport
import Synchronization

/// ISO/IEC 7816-4 commands over any ``/MynaTransport/CardTransport``.
///
/// One instance per card connection. It remembers what it has learned about the card (whether extended
/// length and short EF identifiers work, which application is selected) so that later reads take the
/// fewest APDUs the card allows. Safe to share between tasks; to keep a sequence such as VERIFY → SIGN
/// together, run it inside ``/MynaTransport/CardTransport/withTransaction(isolation:_:)`` on ``transport``.
public final class ISO7816Card: Sendable {
    /// Whether the card supports a feature, as far as is known.
    public enum Support: Hashable, Sendable {
        /// Not yet learned: try it once and remember the answer.
        case unknown
        /// Known to work.
        case supported
        /// Known not to work (the card answered `6700` or `6A86`).
        case unsupported
    }

    /// What the card accepts.
    public struct Capabilities: Hashable, Sendable {
        /// Extended-length APDUs (Ne up to 65536 in one READ BINARY).
        public var extendedLength: Support
        /// READ BINARY with a short EF identifier in P1 (`80|SFI`), which needs no SELECT.
        public var shortFileIdentifiers: Support

        /// Creates capabilities.
        public init(extendedLength: Support = .unknown, shortFileIdentifiers: Support = .unknown) {
            self.extendedLength = extendedLength
            self.shortFileIdentifiers = shortFileIdentifiers
        }
    }

    /// How to know where a file's content ends.
    public enum FileLayout: Hashable, Sendable {
        /// The file starts with one BER-TLV data object (a certificate, a card data file); its header gives
        /// the length. The result is that data object, without the filler after it.
        case berTLV
        /// The file has this many bytes (token info: 160). The result is exactly that many bytes.
        case fixedLength(Int)
        /// Read until the card returns fewer bytes than asked or says the end is reached. The result is the
        /// whole file, filler included.
        case wholeFile
    }

    private struct State {
        var capabilities: Capabilities
        var selectedApplication: ApplicationIdentifier?
    }

    /// The transport commands go through.
    public let transport: any CardTransport
    private let state: Mutex<State>

    /// Wraps a transport.
    ///
    /// - Parameter transport: how APDUs reach the card.
    /// - Parameter capabilities: what is already known about the card, e.g. from its basic-info file or
    ///   because the reader only does short APDUs.
    public init(transport: any CardTransport, capabilities: Capabilities = Capabilities()) {
        self.transport = transport
        self.state = Mutex(State(capabilities: capabilities, selectedApplication: nil))
    }

    /// What has been learned about the card so far.
    public var capabilities: Capabilities {
        get { state.withLock { $0.capabilities } }
    }

    /// Records what is known about the card.
    public func setCapabilities(_ capabilities: Capabilities) {
        state.withLock { $0.capabilities = capabilities }
    }

    /// The application selected by the last successful ``select(_:)``, if the card has not been reset since.
    public var selectedApplication: ApplicationIdentifier? {
        state.withLock { $0.selectedApplication }
    }

    // MARK: Raw exchange

    /// Sends a command and returns the response whatever its status word.
    ///
    /// A transport error that says the card was reset or removed forgets the selected application, so the
    /// next ``selectIfNeeded(_:)`` selects again.
    public func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU {
        do {
            return try await transport.transmit(command)
        } catch let error as TransportError {
            if error.code == .cardReset || error.code == .cardRemoved || error.code == .noCard {
                state.withLock { $0.selectedApplication = nil }
            }
            throw error
        }
    }

    /// Resets the card; the selected application and every verified state are lost.
    @discardableResult
    public func reset() async throws -> [UInt8] {
        state.withLock { $0.selectedApplication = nil }
        return try await transport.reset()
    }

    /// Forgets the selected application (for example after another application may have used the card).
    public func invalidateSelection() {
        state.withLock { $0.selectedApplication = nil }
    }

    // MARK: SELECT

    /// SELECT by DF name: `00 A4 04 0C Lc <AID>`. Clears the card's verified state for that application.
    public func select(_ application: ApplicationIdentifier) async throws {
        state.withLock { $0.selectedApplication = nil }
        let command = try CommandAPDU(ins: Instruction.select.rawValue, p1: 0x04, p2: 0x0C, data: application.bytes)
        let response = try await transmit(command)
        try Self.requireSuccess(response, .select)
        state.withLock { $0.selectedApplication = application }
    }

    /// Selects `application` unless it is already the selected one (re-selecting would drop verified state
    /// and cost an APDU).
    public func selectIfNeeded(_ application: ApplicationIdentifier) async throws {
        if selectedApplication == application { return }
        try await select(application)
    }

    /// SELECT EF by file identifier under the current DF: `00 A4 02 0C 02 <FID>`.
    public func select(file: FileIdentifier) async throws {
        let command = try CommandAPDU(ins: Instruction.select.rawValue, p1: 0x02, p2: 0x0C, data: file.bytes)
        try Self.requireSuccess(try await transmit(command), .select)
    }

    // MARK: READ BINARY

    /// READ BINARY of the current EF at a 15-bit offset: `00 B0 P1 P2 Le`.
    ///
    /// - Returns: the data and the status word (`9000`, or `6282` when the end came first).
    public func readBinary(offset: Int, count: Int) async throws -> ResponseAPDU {
        guard (0...0x7FFF).contains(offset) else {
            throw CodecError.invalidValueError("READ BINARY offset \(offset) outside 0…32767")
        }
        let command = try CommandAPDU(
            ins: Instruction.readBinary.rawValue, p1: UInt8(offset >> 8), p2: UInt8(offset & 0xFF), ne: count)
        return try await readResponse(command)
    }

    /// READ BINARY by short EF identifier: `00 B0 80|SFI offset Le`; makes that EF the current one.
    public func readBinary(shortIdentifier sfi: UInt8, offset: Int, count: Int) async throws -> ResponseAPDU {
        guard (1...30).contains(sfi) else { throw CodecError.invalidValueError("SFI \(sfi) outside 1…30") }
        guard (0...0xFF).contains(offset) else {
            throw CodecError.invalidValueError("READ BINARY by SFI offset \(offset) outside 0…255")
        }
        let command = try CommandAPDU(
            ins: Instruction.readBinary.rawValue, p1: 0x80 | sfi, p2: UInt8(offset), ne: count)
        return try await readResponse(command)
    }

    private func readResponse(_ command: CommandAPDU) async throws -> ResponseAPDU {
        let response = try await transmit(command)
        switch response.statusWord.rawValue {
        case 0x9000, 0x6282: return response
        default: throw CardCommandError(statusWord: response.statusWord, instruction: .readBinary)
        }
    }

    /// Reads a whole EF in the fewest APDUs the card allows.
    ///
    /// With a short EF identifier (FID `0001`…`001E`) the first READ BINARY needs no SELECT; with extended
    /// length one READ BINARY with Ne = 65536 returns the whole file. A card that answers `6700` to extended
    /// length is read in 256-byte chunks from then on (and remembered); `6Cxx` is resent with the exact
    /// length; a short final chunk and `6B00` / `6282` at the end of the file are accepted.
    ///
    /// - Throws: ``CardCommandError`` with the card's status word; ``CardCommandError/Code/malformedResponse``
    ///   when the file ends before its own header says — never a partial result.
    public func readFile(_ file: FileIdentifier, layout: FileLayout = .berTLV) async throws -> [UInt8] {
        if case .fixedLength(let n) = layout, n < 0 || n > 0x8000 {
            throw CodecError.invalidValueError("file length \(n) outside 0…32768")
        }
        var reader = FileReader(card: self, file: file, layout: layout)
        return try await reader.read()
    }

    fileprivate func updateCapabilities(_ body: (inout Capabilities) -> Void) {
        state.withLock { body(&$0.capabilities) }
    }

    // MARK: READ RECORD

    /// READ RECORD `00 B2 <record> 04|SFI<<3 Le` (or the current EF when `shortIdentifier` is nil).
    public func readRecord(_ record: UInt8, shortIdentifier sfi: UInt8? = nil, count: Int = 256) async throws -> [UInt8] {
        var p2: UInt8 = 0x04
        if let sfi {
            guard (1...30).contains(sfi) else { throw CodecError.invalidValueError("SFI \(sfi) outside 1…30") }
            p2 = sfi << 3 | 0x04
        }
        let command = try CommandAPDU(ins: Instruction.readRecord.rawValue, p1: record, p2: p2, ne: count)
        let response = try await transmit(command)
        try Self.requireSuccess(response, .readRecord)
        return response.data
    }

    // MARK: VERIFY and CHANGE REFERENCE DATA

    /// The retry state of a key reference, as an empty VERIFY reports it.
    public enum RetryStatus: Hashable, Sendable {
        /// `63Cx`: this many tries remain.
        case remaining(Int)
        /// `63C0`, `6983` or `6984`: no tries left; VERIFY would be refused.
        case blocked
        /// `9000`: the card reports no counter (or the reference is verified on cards that say so).
        case noCounterReported
        /// `6300`: a warning with no count.
        case noInformation
    }

    /// Empty VERIFY (case 1, `00 20 00 80` after selecting the PIN EF): reads the tries left without spending
    /// one. The card answers `63Cx` even right after a successful VERIFY, so this does not tell whether the
    /// reference is verified.
    public func retryStatus(of reference: FileIdentifier) async throws -> RetryStatus {
        try await select(file: reference)
        let command = try CommandAPDU(ins: Instruction.verify.rawValue, p1: 0x00, p2: 0x80)
        let response = try await transmit(command)
        let sw = response.statusWord
        switch sw.category {
        case .retriesRemaining(let n): return n == 0 ? .blocked : .remaining(n)
        case .blocked: return .blocked
        default:
            if sw.rawValue == 0x9000 { return .noCounterReported }
            if sw.rawValue == 0x6300 { return .noInformation }
            throw CardCommandError(statusWord: sw, instruction: .verify)
        }
    }

    /// VERIFY `00 20 00 80 Lc <reference data>` after selecting the PIN EF.
    ///
    /// Sends exactly one VERIFY and never retries: a wrong value spends a try. Callers validate the format
    /// and check the counter first (the `MynaKit` PIN model does both).
    ///
    /// - Throws: ``CardCommandError`` with ``CardCommandError/Code/verificationFailed`` and
    ///   ``CardCommandError/retriesRemaining`` (`63Cx`), ``CardCommandError/Code/referenceDataBlocked``
    ///   (`6983`/`6984`), or the status word the card sent. The error never contains the PIN.
    public func verify(_ reference: FileIdentifier, referenceData: SecretBytes) async throws {
        guard (1...255).contains(referenceData.count) else {
            throw CodecError.invalidLengthError("reference data must be 1…255 bytes")
        }
        try await select(file: reference)
        let command = try referenceData.withUnsafeBytes {
            try CommandAPDU(ins: Instruction.verify.rawValue, p1: 0x00, p2: 0x80, data: Array($0))
        }
        try Self.requireSuccess(try await transmit(command), .verify)
    }

    /// CHANGE REFERENCE DATA `00 24 01 80 Lc <new>` after selecting the PIN EF; the reference must have been
    /// verified in this selection of the application.
    public func changeReferenceData(_ reference: FileIdentifier, newReferenceData: SecretBytes) async throws {
        guard (1...255).contains(newReferenceData.count) else {
            throw CodecError.invalidLengthError("reference data must be 1…255 bytes")
        }
        try await select(file: reference)
        let command = try newReferenceData.withUnsafeBytes {
            try CommandAPDU(ins: Instruction.changeReferenceData.rawValue, p1: 0x01, p2: 0x80, data: Array($0))
        }
        try Self.requireSuccess(try await transmit(command), .changeReferenceData)
    }

    // MARK: Security operations

    /// COMPUTE DIGITAL SIGNATURE `80 2A P1 P2 Lc <input> 00` with the current key EF.
    ///
    /// - Parameters:
    ///   - input: for P1 `00`, a DigestInfo (PKCS#1 v1.5 is applied by the card).
    ///   - key: the key EF to select first, or `nil` to use the current one.
    ///   - p1: `00` signs the supplied DigestInfo.
    ///   - p2: `80` for JPKI keys; `00` for the text and surface applets' own keys.
    ///   - expectedLength: the signature's length in bytes, sent as Le (256 for RSA-2048).
    /// - Returns: the signature (256 bytes for RSA-2048).
    public func computeDigitalSignature(
        _ input: [UInt8], key: FileIdentifier?, p1: UInt8 = 0x00, p2: UInt8 = 0x80, expectedLength: Int = 256
    ) async throws -> [UInt8] {
        guard (1...255).contains(input.count) else {
            throw CodecError.invalidLengthError("signature input must be 1…255 bytes, got \(input.count)")
        }
        if let key { try await select(file: key) }
        let command = try CommandAPDU(
            cla: 0x80, ins: Instruction.computeDigitalSignature.rawValue, p1: p1, p2: p2, data: input, ne: 256)
        let response = try await transmit(command)
        try Self.requireSuccess(response, .computeDigitalSignature)
        guard response.data.count == expectedLength else {
            throw CardCommandError.malformedResponse(
                .computeDigitalSignature, "signature of \(response.data.count) bytes, expected \(expectedLength)")
        }
        return response.data
    }

    /// GET CHALLENGE `00 84 00 00 Le`.
    public func getChallenge(count: Int = 8) async throws -> [UInt8] {
        let command = try CommandAPDU(ins: Instruction.getChallenge.rawValue, p1: 0, p2: 0, ne: count)
        let response = try await transmit(command)
        try Self.requireSuccess(response, .getChallenge)
        guard response.data.count == count else {
            throw CardCommandError.malformedResponse(.getChallenge, "\(response.data.count) bytes, expected \(count)")
        }
        return response.data
    }

    // MARK: Helpers

    static func requireSuccess(_ response: ResponseAPDU, _ instruction: Instruction) throws(CardCommandError) {
        guard response.statusWord.isSuccess else {
            throw CardCommandError(statusWord: response.statusWord, instruction: instruction)
        }
    }
}

/// Reads one EF in as few READ BINARY commands as the card allows; see ``ISO7816Card/readFile(_:layout:)``.
private struct FileReader {
    let card: ISO7816Card
    let file: FileIdentifier
    let layout: ISO7816Card.FileLayout
    var selected = false
    var data: [UInt8] = []

    init(card: ISO7816Card, file: FileIdentifier, layout: ISO7816Card.FileLayout) {
        self.card = card
        self.file = file
        self.layout = layout
    }

    /// The largest Ne to ask for now.
    private var chunkLimit: Int {
        card.capabilities.extendedLength == .unsupported ? 256 : 65536
    }

    mutating func read() async throws -> [UInt8] {
        var total: Int? = nil
        if case .fixedLength(let n) = layout { total = n }
        if total == 0 { return [] }
        while true {
            let wanted = min(chunkLimit, total.map { $0 - data.count } ?? chunkLimit)
            guard let chunk = try await readChunk(offset: data.count, count: wanted) else {
                break  // end of file
            }
            data.append(contentsOf: chunk)
            if case .berTLV = layout, total == nil {
                if let header = try BERTLV.header(of: data[...]) {
                    total = header.headerLength + header.valueLength
                } else if chunk.count < wanted {
                    throw CardCommandError.malformedResponse(.readBinary, "file \(file) ends inside its TLV header")
                }
            }
            if let total, data.count >= total { break }
            if chunk.isEmpty { break }
            if total == nil && chunk.count < wanted { break }  // whole file: a short chunk is the last one
            if data.count > 0x7FFF { break }
        }
        if case .berTLV = layout, total == nil {
            throw CardCommandError.malformedResponse(.readBinary, "file \(file) holds no BER-TLV data object")
        }
        if let total {
            guard data.count >= total else {
                throw CardCommandError.malformedResponse(
                    .readBinary, "file \(file) ended after \(data.count) of \(total) bytes")
            }
            return Array(data.prefix(total))
        }
        return data
    }

    /// Records what a READ BINARY the card executed (`9000` or `6282`) shows about the card.
    private mutating func accepted(usingSFI: Bool, count: Int) {
        if usingSFI {
            selected = true  // READ BINARY by SFI made the EF current
            card.updateCapabilities { $0.shortFileIdentifiers = .supported }
        }
        if count > 256 { card.updateCapabilities { $0.extendedLength = .supported } }
    }

    /// One READ BINARY, with the fallbacks; `nil` at the end of the file (`6B00`, or `6282` with no data).
    private mutating func readChunk(offset: Int, count: Int) async throws -> [UInt8]? {
        var count = count
        var attempts = 0
        while true {
            attempts += 1
            guard attempts <= 4 else {
                throw CardCommandError.malformedResponse(.readBinary, "the card keeps refusing READ BINARY lengths")
            }
            let response: ResponseAPDU
            // Only a FID that has a short identifier is read by SFI; any other is selected first.
            let sfi = !selected && offset <= 0xFF && card.capabilities.shortFileIdentifiers != .unsupported
                ? file.shortIdentifier : nil
            let useSFI = sfi != nil
            if let sfi {
                response = try await card.transmit(
                    CommandAPDU(ins: Instruction.readBinary.rawValue, p1: 0x80 | sfi, p2: UInt8(offset), ne: count))
            } else {
                if !selected {
                    try await card.select(file: file)
                    selected = true
                }
                guard offset <= 0x7FFF else {
                    throw CardCommandError.malformedResponse(.readBinary, "file \(file) is larger than 32767 bytes")
                }
                response = try await card.transmit(
                    CommandAPDU(
                        ins: Instruction.readBinary.rawValue, p1: UInt8(offset >> 8), p2: UInt8(offset & 0xFF),
                        ne: count))
            }
            let sw = response.statusWord
            switch sw.category {
            case .success where sw.isSuccess:
                accepted(usingSFI: useSFI, count: count)
                return response.data
            case .warningUnchanged where sw.rawValue == 0x6282:
                accepted(usingSFI: useSFI, count: count)
                return response.data.isEmpty ? nil : response.data
            case .wrongLe(let exact):
                count = exact
                continue
            default:
                break
            }
            switch sw.rawValue {
            case 0x6B00:
                return nil
            case 0x6700 where count > 256:
                card.updateCapabilities { $0.extendedLength = .unsupported }
                count = 256
            case 0x6A86 where useSFI, 0x6981 where useSFI:
                card.updateCapabilities { $0.shortFileIdentifiers = .unsupported }
            default:
                throw CardCommandError(statusWord: sw, instruction: .readBinary)
            }
        }
    }
}
