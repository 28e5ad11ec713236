import CZlib

/// An independent PNG reader for tests: its own chunk walk, zlib's `uncompress`, and its own unfiltering.
/// It shares no code with MynaPhoto's encoder or PNGInfo. Handles non-interlaced 8-bit greyscale, RGB,
/// grey+alpha and RGBA images, and 1-bit greyscale (expanded to 0/255).
public struct ReferencePNGDecoder {
    /// Why the bytes are not a PNG this decoder reads.
    public enum Failure: Error, Equatable { case invalid(String) }

    /// The width in pixels.
    public var width = 0
    /// The height in pixels.
    public var height = 0
    /// Bits per sample.
    public var bitDepth = 0
    /// The PNG colour type.
    public var colourType = 0
    /// Chunk types in file order.
    public var chunkTypes: [String] = []
    /// Samples, row-major, `channels` per pixel, 8 bits each (1-bit input expanded to 0 or 255).
    public var samples: [UInt8] = []
    /// Samples per pixel.
    public var channels: Int { [0: 1, 2: 3, 4: 2, 6: 4][colourType] ?? 0 }

    /// Decodes `png`.
    public init(_ png: [UInt8]) throws {
        guard png.count > 8, Array(png[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else {
            throw Failure.invalid("signature")
        }
        func u32(_ at: Int) throws -> Int {
            guard at + 4 <= png.count else { throw Failure.invalid("truncated") }
            return png[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) }
        }
        var offset = 8
        var idat: [UInt8] = []
        var interlace = 0
        while offset < png.count {
            let length = try u32(offset)
            guard offset + 12 + length <= png.count else { throw Failure.invalid("chunk past end") }
            let type = String(decoding: png[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let body = Array(png[(offset + 8)..<(offset + 8 + length)])
            let crc = Array(png[(offset + 4)..<(offset + 8 + length)]).withUnsafeBufferPointer {
                CZlib.crc32(0, $0.baseAddress, uInt($0.count))
            }
            guard try u32(offset + 8 + length) == Int(crc) else { throw Failure.invalid("crc \(type)") }
            chunkTypes.append(type)
            if type == "IHDR" {
                width = try u32(offset + 8)
                height = try u32(offset + 12)
                bitDepth = Int(body[8])
                colourType = Int(body[9])
                interlace = Int(body[12])
            } else if type == "IDAT" {
                idat += body
            }
            offset += 12 + length
        }
        guard interlace == 0, channels > 0, bitDepth == 8 || (bitDepth == 1 && colourType == 0) else {
            throw Failure.invalid("unsupported layout")
        }
        let stride = (width * channels * bitDepth + 7) / 8
        let bytesPerPixel = max(1, channels * bitDepth / 8)
        var raw = [UInt8](repeating: 0, count: (stride + 1) * height)
        var rawLength = uLongf(raw.count)
        let status = raw.withUnsafeMutableBufferPointer { out in
            idat.withUnsafeBufferPointer { input in
                uncompress(out.baseAddress, &rawLength, input.baseAddress, uLong(input.count))
            }
        }
        guard status == Z_OK, Int(rawLength) == raw.count else { throw Failure.invalid("inflate \(status)") }

        var rows: [UInt8] = []
        var previous = [UInt8](repeating: 0, count: stride)
        for y in 0..<height {
            let filter = raw[y * (stride + 1)]
            var line = Array(raw[(y * (stride + 1) + 1)..<((y + 1) * (stride + 1))])
            for i in 0..<stride {
                let a = i >= bytesPerPixel ? Int(line[i - bytesPerPixel]) : 0
                let b = Int(previous[i])
                let c = i >= bytesPerPixel ? Int(previous[i - bytesPerPixel]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) >> 1
                case 4:
                    let p = a + b - c
                    let (pa, pb, pc) = (abs(p - a), abs(p - b), abs(p - c))
                    predictor = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
                default: throw Failure.invalid("filter \(filter)")
                }
                line[i] = UInt8((Int(line[i]) + predictor) & 0xFF)
            }
            rows += line
            previous = line
        }
        if bitDepth == 1 {
            for y in 0..<height {
                for x in 0..<width {
                    let byte = rows[y * stride + x / 8]
                    samples.append((byte >> (7 - UInt8(x % 8))) & 1 == 1 ? 255 : 0)
                }
            }
        } else {
            samples = rows
        }
    }

    /// The RGB of pixel (x, y) (grey repeated for greyscale images).
    public func rgb(x: Int, y: Int) -> (UInt8, UInt8, UInt8) {
        let base = (y * width + x) * channels
        return channels >= 3 ? (samples[base], samples[base + 1], samples[base + 2])
            : (samples[base], samples[base], samples[base])
    }
}
