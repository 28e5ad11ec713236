import MynaCodec
import MynaISO7816
import MynaTransport

/// The baseline: how many readers of this card read a file — SELECT the EF by identifier, then READ BINARY in
/// 256-byte chunks (short Le `00`), learning the length from the BER header in the first chunk. No short EF
/// identifiers, no extended length, no state kept between files.
public struct ChunkedReader: Sendable {
    /// The transport.
    public let transport: any CardTransport

    /// A reader over `transport`.
    public init(transport: any CardTransport) {
        self.transport = transport
    }

    /// An error this reader reports.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong.
        public let description: String
    }

    /// `00 A4 04 0C Lc <AID>`.
    public func select(_ application: ApplicationIdentifier) async throws {
        try await expectSuccess(CommandAPDU(ins: 0xA4, p1: 0x04, p2: 0x0C, data: application.bytes), "SELECT applet")
    }

    /// `00 A4 02 0C 02 <FID>`.
    public func select(file: FileIdentifier) async throws {
        try await expectSuccess(CommandAPDU(ins: 0xA4, p1: 0x02, p2: 0x0C, data: file.bytes), "SELECT \(file)")
    }

    /// SELECT of the PIN EF, then VERIFY with `value`.
    public func verify(_ reference: FileIdentifier, _ value: String) async throws {
        try await select(file: reference)
        try await expectSuccess(CommandAPDU(ins: 0x20, p1: 0x00, p2: 0x80, data: Array(value.utf8)), "VERIFY")
    }

    /// SELECT of the key EF, then COMPUTE DIGITAL SIGNATURE `80 2A 00 80 Lc <DigestInfo> 00`.
    public func sign(_ digestInfo: [UInt8], key: FileIdentifier) async throws -> [UInt8] {
        try await select(file: key)
        let response = try await transport.transmit(
            CommandAPDU(cla: 0x80, ins: 0x2A, p1: 0x00, p2: 0x80, data: digestInfo, ne: 256))
        guard response.statusWord.isSuccess else { throw Failure(description: "SIGN: \(response.statusWord)") }
        return response.data
    }

    /// SELECT EF, then 256-byte chunks until the data object the file starts with has been read.
    public func readObject(_ file: FileIdentifier) async throws -> [UInt8] {
        try await select(file: file)
        var data: [UInt8] = []
        var total: Int? = nil
        while total.map({ data.count < $0 }) ?? true {
            let offset = data.count
            guard offset <= 0x7FFF else { throw Failure(description: "\(file) is larger than 32767 bytes") }
            let response = try await transport.transmit(
                CommandAPDU(ins: 0xB0, p1: UInt8(offset >> 8), p2: UInt8(offset & 0xFF), ne: 256))
            guard response.statusWord.isSuccess || response.statusWord.rawValue == 0x6282 else {
                throw Failure(description: "READ BINARY \(file) at \(offset): \(response.statusWord)")
            }
            data += response.data
            if total == nil, let header = try BERTLV.header(of: data[...]) {
                total = header.headerLength + header.valueLength
            }
            if response.data.count < 256 { break }
        }
        guard let total, data.count >= total else { throw Failure(description: "\(file) ends early") }
        return Array(data.prefix(total))
    }

    private func expectSuccess(_ command: CommandAPDU, _ what: String) async throws {
        let response = try await transport.transmit(command)
        guard response.statusWord.isSuccess else { throw Failure(description: "\(what): \(response.statusWord)") }
    }
}
