import Testing
@testable import MynaCodec

@Suite("BERTag")
struct BERTagTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let hex: String
        let rawValue: UInt32
        let tagClass: BERTag.TagClass
        let isConstructed: Bool
        var testDescription: String { hex }
    }

    static let valid: [Vector] = [
        Vector(hex: "00", rawValue: 0x00, tagClass: .universal, isConstructed: false),
        Vector(hex: "04", rawValue: 0x04, tagClass: .universal, isConstructed: false),
        Vector(hex: "1E", rawValue: 0x1E, tagClass: .universal, isConstructed: false),
        Vector(hex: "30", rawValue: 0x30, tagClass: .universal, isConstructed: true),
        Vector(hex: "5A", rawValue: 0x5A, tagClass: .application, isConstructed: false),
        Vector(hex: "80", rawValue: 0x80, tagClass: .contextSpecific, isConstructed: false),
        Vector(hex: "A0", rawValue: 0xA0, tagClass: .contextSpecific, isConstructed: true),
        Vector(hex: "C1", rawValue: 0xC1, tagClass: .private, isConstructed: false),
        Vector(hex: "E1", rawValue: 0xE1, tagClass: .private, isConstructed: true),
        Vector(hex: "1F1F", rawValue: 0x1F1F, tagClass: .universal, isConstructed: false),
        Vector(hex: "5F20", rawValue: 0x5F20, tagClass: .application, isConstructed: false),
        Vector(hex: "5F4E", rawValue: 0x5F4E, tagClass: .application, isConstructed: false),
        Vector(hex: "5F7F", rawValue: 0x5F7F, tagClass: .application, isConstructed: false),
        Vector(hex: "7F21", rawValue: 0x7F21, tagClass: .application, isConstructed: true),
        Vector(hex: "9F01", rawValue: 0x9F01, tagClass: .contextSpecific, isConstructed: false),
        Vector(hex: "DF22", rawValue: 0xDF22, tagClass: .private, isConstructed: false),
        Vector(hex: "FF10", rawValue: 0xFF10, tagClass: .private, isConstructed: true),
        Vector(hex: "FF20", rawValue: 0xFF20, tagClass: .private, isConstructed: true),
        Vector(hex: "9F8101", rawValue: 0x9F_8101, tagClass: .contextSpecific, isConstructed: false),
        Vector(hex: "BF8100", rawValue: 0xBF_8100, tagClass: .contextSpecific, isConstructed: true),
        Vector(hex: "5FFF7F", rawValue: 0x5F_FF7F, tagClass: .application, isConstructed: false),
        Vector(hex: "FF817F", rawValue: 0xFF_817F, tagClass: .private, isConstructed: true),
    ]

    @Test(arguments: valid)
    func parsesWellFormedTags(_ vector: Vector) throws {
        let wire = bytes(vector.hex)
        let tag = try BERTag(bytes: wire)
        #expect(tag.rawValue == vector.rawValue)
        #expect(tag.byteCount == wire.count)
        #expect(tag.bytes == wire)
        #expect(tag.tagClass == vector.tagClass)
        #expect(tag.isConstructed == vector.isConstructed)
        #expect(tag.description == vector.hex)
        // A constant written as a number is the same tag, except that `00` needs its byte count from the wire.
        if vector.rawValue != 0 { #expect(BERTag(vector.rawValue) == tag) }
    }

    @Test(arguments: valid)
    func parsesFromSlicesWithOffset(_ vector: Vector) throws {
        let framed: [UInt8] = [0xEE, 0xEE] + bytes(vector.hex)
        #expect(try BERTag(bytes: framed[2...]).rawValue == vector.rawValue)
    }

    struct Malformed: Sendable, CustomTestStringConvertible {
        let hex: String
        let code: CodecError.Code
        var testDescription: String { hex }
    }

    static let malformed: [Malformed] = [
        Malformed(hex: "", code: .truncated),
        Malformed(hex: "5F", code: .truncated),
        Malformed(hex: "9F81", code: .truncated),
        Malformed(hex: "9F8181", code: .truncated),
        Malformed(hex: "5F80", code: .invalidTag),
        Malformed(hex: "5F00", code: .invalidTag),
        Malformed(hex: "9F8001", code: .invalidTag),
        Malformed(hex: "9F818101", code: .invalidTag),
        Malformed(hex: "9FFFFFFF01", code: .invalidTag),
        Malformed(hex: "5F2001", code: .invalidTag),
        Malformed(hex: "0400", code: .invalidTag),
        Malformed(hex: "9F810100", code: .invalidTag),
    ]

    @Test(arguments: malformed)
    func rejectsMalformedTags(_ vector: Malformed) {
        expectCodecError(vector.code) { () throws(CodecError) in try BERTag(bytes: bytes(vector.hex)) }
    }

    @Test func numericConstantsInferTheByteCount() {
        #expect(BERTag(0x04).byteCount == 1)
        #expect(BERTag(0x04).bytes == [0x04])
        #expect(BERTag(0xDF22).byteCount == 2)
        #expect(BERTag(0xDF22).bytes == [0xDF, 0x22])
        #expect(BERTag(0x9F_8101).byteCount == 3)
        #expect(BERTag(0x9F_8101).bytes == [0x9F, 0x81, 0x01])
        #expect(BERTag(0x00).bytes == [0x00])
    }

    @Test func tagsCompareByValueAndLength() {
        #expect(BERTag(0xDF22) != BERTag(0xDF23))
        #expect(Set([BERTag(0x5F20), BERTag(0x5F20), BERTag(0x7F21)]).count == 2)
    }

    /// Every 1- and 2-byte string is either one well-formed tag (and round-trips) or a typed error.
    @Test func exhaustiveOneAndTwoByteInputs() {
        var failures: [String] = []
        var accepted = 0
        for first in UInt8.min...UInt8.max {
            let isMultiByte = first & 0x1F == 0x1F
            do {
                let tag = try BERTag(bytes: [first])
                accepted += 1
                if isMultiByte || tag.bytes != [first] { failures.append(Hex.encode([first])) }
            } catch {
                if !isMultiByte || error.code != .truncated { failures.append("\(Hex.encode([first])): \(error)") }
            }
            for second in UInt8.min...UInt8.max {
                let input = [first, second]
                let valid = isMultiByte && second & 0x80 == 0 && second != 0
                do {
                    let tag = try BERTag(bytes: input)
                    accepted += 1
                    if !valid || tag.bytes != input { failures.append(Hex.encode(input)) }
                } catch {
                    let expected: CodecError.Code =
                        !isMultiByte || second & 0x7F == 0 ? .invalidTag : .truncated
                    if valid || error.code != expected { failures.append("\(Hex.encode(input)): \(error)") }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(5))")
        // 248 one-byte tags and 8 × 127 two-byte tags.
        #expect(accepted == 248 + 8 * 127)
    }
}
