import Foundation
import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator
import Testing

/// A response as the tests look at it.
struct Answer: Equatable, CustomStringConvertible {
    var data: [UInt8]
    var sw: UInt16
    var description: String { "\(data.count) bytes \(String(sw, radix: 16, uppercase: true))" }
}

enum APDU {
    /// Bytes from hex (spaces allowed).
    static func bytes(_ hex: String) -> [UInt8] {
        (try? Hex.decode(hex)) ?? []
    }

    static func select(_ aid: ApplicationIdentifier) -> [UInt8] {
        [0x00, 0xA4, 0x04, 0x0C, UInt8(aid.bytes.count)] + aid.bytes
    }

    static func selectFile(_ fid: FileIdentifier) -> [UInt8] {
        [0x00, 0xA4, 0x02, 0x0C, 0x02] + fid.bytes
    }

    static func readBinary(offset: Int = 0, le: Int) -> [UInt8] {
        let header: [UInt8] = [0x00, 0xB0, UInt8(offset >> 8), UInt8(offset & 0xFF)]
        if le <= 256 { return header + [UInt8(le & 0xFF)] }
        return header + [0x00, UInt8((le >> 8) & 0xFF), UInt8(le & 0xFF)]
    }

    static func readBinaryExtended(offset: Int = 0, le: Int) -> [UInt8] {
        [0x00, 0xB0, UInt8(offset >> 8), UInt8(offset & 0xFF), 0x00, UInt8((le >> 8) & 0xFF), UInt8(le & 0xFF)]
    }

    static func verify(_ value: String, p2: UInt8 = 0x80) -> [UInt8] {
        let data = Array(value.utf8)
        return [0x00, 0x20, 0x00, p2, UInt8(data.count)] + data
    }

    static func emptyVerify(p2: UInt8 = 0x80) -> [UInt8] { [0x00, 0x20, 0x00, p2] }

    static func change(_ value: String) -> [UInt8] {
        let data = Array(value.utf8)
        return [0x00, 0x24, 0x01, 0x80, UInt8(data.count)] + data
    }

    static func sign(_ data: [UInt8], p1: UInt8 = 0x00, p2: UInt8 = 0x80) -> [UInt8] {
        [0x80, 0x2A, p1, p2, UInt8(data.count)] + data + [0x00]
    }
}

extension SimulatedCard {
    /// Sends bytes, returns data and status word.
    @discardableResult
    func send(_ bytes: [UInt8]) throws -> Answer {
        let response = try respond(to: bytes)
        let sw = UInt16(response[response.count - 2]) << 8 | UInt16(response[response.count - 1])
        return Answer(data: Array(response.dropLast(2)), sw: sw)
    }

    @discardableResult
    func send(_ hex: String) throws -> Answer { try send(APDU.bytes(hex)) }

    /// Selects an applet and an EF, expecting success.
    func open(_ aid: ApplicationIdentifier, _ fid: FileIdentifier? = nil) throws {
        #expect(try send(APDU.select(aid)).sw == 0x9000)
        if let fid { #expect(try send(APDU.selectFile(fid)).sw == 0x9000) }
    }

    /// Reads a whole EF (physical bytes) with one extended READ BINARY.
    func readWhole(_ fid: FileIdentifier) throws -> Answer {
        #expect(try send(APDU.selectFile(fid)).sw == 0x9000)
        return try send(APDU.readBinaryExtended(le: 65535))
    }
}

/// One data object found by a flat walk (no descent into values).
struct FlatObject {
    var tag: UInt32
    var value: ArraySlice<UInt8>
    var encoded: ArraySlice<UInt8>
    /// Offset of the tag from the start of the walked bytes' base array.
    var offset: Int
}

enum FlatTLV {
    struct Malformed: Error {}

    /// The data objects in `bytes`, stopping at `FF`/`00` filler.
    static func objects(_ bytes: ArraySlice<UInt8>) throws -> [FlatObject] {
        var out: [FlatObject] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let first = bytes[index]
            if (first == 0xFF || first == 0x00) && bytes[index...].allSatisfy({ $0 == first }) { break }
            var tagEnd = index + 1
            if first & 0x1F == 0x1F {
                while tagEnd < bytes.endIndex, bytes[tagEnd] & 0x80 != 0 { tagEnd += 1 }
                tagEnd += 1
            }
            guard tagEnd <= bytes.endIndex,
                let header = try BERTLV.header(of: bytes[index...])
            else { throw Malformed() }
            let valueStart = index + header.headerLength
            let valueEnd = valueStart + header.valueLength
            guard valueEnd <= bytes.endIndex else { throw Malformed() }
            let tag = bytes[index..<tagEnd].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            out.append(FlatObject(tag: tag, value: bytes[valueStart..<valueEnd], encoded: bytes[index..<valueEnd], offset: index))
            index = valueEnd
        }
        return out
    }

    /// The single outer object of a card file and its children (one level).
    static func file(_ bytes: [UInt8]) throws -> (outer: FlatObject, children: [FlatObject]) {
        guard let outer = try objects(bytes[...]).first else { throw Malformed() }
        return (outer, try objects(outer.value))
    }
}

extension Array where Element == FlatObject {
    func first(_ tag: UInt32) throws -> FlatObject {
        guard let found = first(where: { $0.tag == tag }) else { throw FlatTLV.Malformed() }
        return found
    }
}

/// An RSA public key `90`/`91` as stored in a record.
struct CardPublicKey {
    var exponent: [UInt8]
    var modulus: [UInt8]

    init(_ value: ArraySlice<UInt8>) throws {
        let parts = try FlatTLV.objects(value)
        exponent = Array(try parts.first(0x90).value)
        modulus = Array(try parts.first(0x91).value)
    }

    func payload(of signature: some Collection<UInt8>) -> [UInt8]? {
        TestRSA.pkcs1Payload(signature: Array(signature), modulus: modulus, exponent: exponent)
    }
}
