/// The top-level boxes of a JP2 file that the decoder cares about.
///
/// Every box must lie wholly inside the data; a box that declares more bytes than remain means the file
/// was cut off.
struct JP2Boxes: Sendable {
    /// The fields of the image header box (`ihdr`) inside the JP2 header box.
    struct ImageHeader: Sendable, Hashable {
        var width: Int
        var height: Int
        var componentCount: Int
    }

    /// The contents of the first contiguous codestream box (`jp2c`).
    var codestream: Range<Int>
    /// The image header, when the file has one before the codestream.
    var imageHeader: ImageHeader?

    static func parse(_ bytes: [UInt8], limits: JPEG2000Decoder.Limits) throws(PhotoError) -> JP2Boxes {
        var cursor = BigEndianCursor(bytes)
        var imageHeader: ImageHeader?
        while !cursor.isAtEnd {
            let box = try Box.read(&cursor)
            switch box.type {
            case JPEG2000Structure.boxCodestream:
                return JP2Boxes(codestream: box.contents, imageHeader: imageHeader)
            case JPEG2000Structure.boxHeader:
                imageHeader = try readImageHeader(bytes, in: box.contents, limits: limits) ?? imageHeader
            default:
                break
            }
        }
        throw .truncated("no codestream box (jp2c) before the end of the data")
    }

    private static func readImageHeader(
        _ bytes: [UInt8], in range: Range<Int>, limits: JPEG2000Decoder.Limits
    ) throws(PhotoError) -> ImageHeader? {
        var cursor = BigEndianCursor(bytes, from: range.lowerBound, to: range.upperBound)
        while !cursor.isAtEnd {
            let box = try Box.read(&cursor)
            guard box.type == JPEG2000Structure.boxImageHeader else { continue }
            var fields = BigEndianCursor(bytes, from: box.contents.lowerBound, to: box.contents.upperBound)
            let height = Int(try fields.uint32("ihdr HEIGHT"))
            let width = Int(try fields.uint32("ihdr WIDTH"))
            let componentCount = Int(try fields.uint16("ihdr NC"))
            guard width >= 1, height >= 1, componentCount >= 1 else {
                throw .malformed("the image header box declares \(width)×\(height), \(componentCount) components")
            }
            guard width <= limits.maximumWidth, height <= limits.maximumHeight else {
                throw .dimensionsTooLarge(
                    "the image header box declares \(width)×\(height), the limit is "
                        + "\(limits.maximumWidth)×\(limits.maximumHeight)")
            }
            return ImageHeader(width: width, height: height, componentCount: componentCount)
        }
        return nil
    }

    /// One box: its type and where its contents lie.
    struct Box {
        var type: UInt32
        var contents: Range<Int>

        /// Reads a box header and moves `cursor` past the whole box.
        static func read(_ cursor: inout BigEndianCursor) throws(PhotoError) -> Box {
            let start = cursor.offset
            let declared = try cursor.uint32("box length")
            let type = try cursor.uint32("box type")
            let end: Int
            switch declared {
            case 0:
                // Length 0: the box runs to the end of its container.
                end = cursor.end
            case 1:
                let extended = try cursor.uint64("extended box length")
                guard extended >= 16 else { throw .malformed("box \(name(type)) declares \(extended) bytes") }
                guard extended <= UInt64(cursor.end - start) else {
                    throw .truncated("box \(name(type)) declares \(extended) bytes, \(cursor.end - start) remain")
                }
                end = start + Int(extended)
            default:
                guard declared >= 8 else { throw .malformed("box \(name(type)) declares \(declared) bytes") }
                guard UInt64(declared) <= UInt64(cursor.end - start) else {
                    throw .truncated("box \(name(type)) declares \(declared) bytes, \(cursor.end - start) remain")
                }
                end = start + Int(declared)
            }
            let contents = cursor.offset..<end
            cursor = BigEndianCursor(cursor.bytes, from: end, to: cursor.end)
            return Box(type: type, contents: contents)
        }

        /// The box type as four printable characters, or hexadecimal.
        static func name(_ type: UInt32) -> String {
            let bytes = (0..<4).map { UInt8(truncatingIfNeeded: type >> (24 - 8 * $0)) }
            if bytes.allSatisfy({ (0x20...0x7E).contains($0) }) {
                return "'" + String(decoding: bytes, as: UTF8.self) + "'"
            }
            return "0x" + String(type, radix: 16, uppercase: true)
        }
    }
}
