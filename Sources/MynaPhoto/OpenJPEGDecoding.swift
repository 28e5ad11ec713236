internal import COpenJPEG

/// The one place MynaPhoto talks to OpenJPEG. No OpenJPEG type leaves this file.
enum OpenJPEGDecoding {
    /// The stream's internal buffer size; card photos are a few kilobytes.
    static let streamChunkSize = 64 * 1024
    /// At most this many OpenJPEG error messages are kept for the error's reason.
    static let maximumMessages = 4

    /// Decodes `bytes`, whose structure has already been checked, into a greyscale image.
    static func decode(_ bytes: [UInt8], structure: JPEG2000Structure) throws(PhotoError) -> GreyscaleImage {
        let messages = MessageLog()
        let result: Result<GreyscaleImage, PhotoError> = bytes.withUnsafeBytes { buffer in
            let source = MemorySource(buffer)
            return withExtendedLifetime((source, messages)) {
                Result { () throws(PhotoError) -> GreyscaleImage in
                    try decode(source: source, messages: messages, structure: structure)
                }
            }
        }
        return try result.get()
    }

    private static func decode(
        source: MemorySource, messages: MessageLog, structure: JPEG2000Structure
    ) throws(PhotoError) -> GreyscaleImage {
        let format = structure.format == .jp2 ? OPJ_CODEC_JP2 : OPJ_CODEC_J2K
        guard let codec = opj_create_decompress(format) else {
            throw .decodeFailed("OpenJPEG could not create a decoder")
        }
        defer { opj_destroy_codec(codec) }

        let log = Unmanaged.passUnretained(messages).toOpaque()
        // Info and warnings are dropped (the structural checks and strict mode decide); errors are kept.
        guard opj_set_info_handler(codec, { _, _ in }, nil) != 0,
            opj_set_warning_handler(codec, { _, _ in }, nil) != 0,
            opj_set_error_handler(codec, { message, context in
                guard let message, let context else { return }
                Unmanaged<MessageLog>.fromOpaque(context).takeUnretainedValue().record(String(cString: message))
            }, log) != 0
        else {
            throw .decodeFailed("OpenJPEG refused the message handlers")
        }

        var parameters = opj_dparameters_t()
        opj_set_default_decoder_parameters(&parameters)
        guard opj_setup_decoder(codec, &parameters) != 0 else {
            throw .decodeFailed("OpenJPEG refused the decoder parameters" + messages.suffix)
        }
        // Strict: a partial bitstream is an error rather than a lower-quality picture.
        guard opj_decoder_set_strict_mode(codec, 1) != 0 else {
            throw .decodeFailed("OpenJPEG refused strict mode" + messages.suffix)
        }

        guard let stream = opj_stream_create(streamChunkSize, 1) else {
            throw .decodeFailed("OpenJPEG could not create a stream")
        }
        defer { opj_stream_destroy(stream) }
        opj_stream_set_read_function(stream) { buffer, count, context in
            guard let buffer, let context else { return -1 }
            return Unmanaged<MemorySource>.fromOpaque(context).takeUnretainedValue().read(into: buffer, count: count)
        }
        opj_stream_set_skip_function(stream) { count, context in
            guard let context else { return -1 }
            return Unmanaged<MemorySource>.fromOpaque(context).takeUnretainedValue().skip(count)
        }
        opj_stream_set_seek_function(stream) { position, context in
            guard let context else { return 0 }
            return Unmanaged<MemorySource>.fromOpaque(context).takeUnretainedValue().seek(to: position) ? 1 : 0
        }
        // No free function: `source` is owned by the caller and outlives the stream.
        opj_stream_set_user_data(stream, Unmanaged.passUnretained(source).toOpaque(), nil)
        opj_stream_set_user_data_length(stream, UInt64(source.count))

        var header: UnsafeMutablePointer<opj_image_t>?
        guard opj_read_header(stream, codec, &header) != 0, let image = header else {
            if let header { opj_image_destroy(header) }
            throw .decodeFailed("OpenJPEG could not read the header" + messages.suffix)
        }
        defer { opj_image_destroy(image) }

        let width = Int(image.pointee.x1) - Int(image.pointee.x0)
        let height = Int(image.pointee.y1) - Int(image.pointee.y0)
        guard width == structure.width, height == structure.height else {
            throw .decodeFailed("OpenJPEG read \(width)×\(height), the SIZ marker declares "
                + "\(structure.width)×\(structure.height)")
        }

        guard opj_decode(codec, stream, image) != 0 else {
            throw .decodeFailed("OpenJPEG could not decode the image" + messages.suffix)
        }
        guard opj_end_decompress(codec, stream) != 0 else {
            throw .decodeFailed("OpenJPEG could not finish decoding" + messages.suffix)
        }
        return try greyscale(from: image.pointee, width: width, height: height)
    }

    /// Converts OpenJPEG's decoded components to 8-bit greyscale after checking each one.
    private static func greyscale(from image: opj_image_t, width: Int, height: Int) throws(PhotoError) -> GreyscaleImage {
        let componentCount = Int(image.numcomps)
        guard componentCount >= 1, componentCount <= JPEG2000Structure.maximumComponents, let comps = image.comps else {
            throw .decodeFailed("OpenJPEG produced \(componentCount) components")
        }
        let planes: [Plane]
        switch image.color_space {
        case OPJ_CLRSPC_CMYK:
            throw .unsupported("CMYK images are not supported")
        case OPJ_CLRSPC_SYCC, OPJ_CLRSPC_EYCC:
            planes = [try Plane(comps[0], index: 0, width: width, height: height)]  // luma only
        default:
            if componentCount >= 3 {
                planes = try (0..<3).map { (index) throws(PhotoError) in
                    try Plane(comps[index], index: index, width: width, height: height)
                }
            } else {
                planes = [try Plane(comps[0], index: 0, width: width, height: height)]  // any second is alpha
            }
        }

        let (count, overflow) = width.multipliedReportingOverflow(by: height)
        guard !overflow, count >= 1 else { throw .dimensionsTooLarge("\(width)×\(height) pixels") }
        let pixels = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialised in
            if planes.count == 3 {
                for index in 0..<count {
                    let red = planes[0].sample(index), green = planes[1].sample(index)
                    let blue = planes[2].sample(index)
                    // ITU-R BT.601 luma in 8-bit fixed point; the weights sum to 256.
                    buffer[index] = UInt8((77 * red + 150 * green + 29 * blue + 128) >> 8)
                }
            } else {
                for index in 0..<count {
                    buffer[index] = UInt8(planes[0].sample(index))
                }
            }
            initialised = count
        }
        return GreyscaleImage(uncheckedWidth: width, height: height, pixels: pixels)
    }

    /// One decoded component, checked to cover the whole image at full resolution.
    private struct Plane {
        let data: UnsafeMutablePointer<OPJ_INT32>
        let precision: Int
        let offset: Int
        let maximum: Int

        init(_ component: opj_image_comp_t, index: Int, width: Int, height: Int) throws(PhotoError) {
            guard let data = component.data else {
                throw .decodeFailed("component \(index) was not decoded")
            }
            guard component.dx == 1, component.dy == 1 else {
                throw .unsupported("component \(index) is subsampled \(component.dx)×\(component.dy)")
            }
            guard Int(component.w) == width, Int(component.h) == height, component.factor == 0 else {
                throw .decodeFailed("component \(index) is \(component.w)×\(component.h), expected \(width)×\(height)")
            }
            let precision = Int(component.prec)
            guard precision >= 1, precision <= JPEG2000Structure.maximumPrecision else {
                throw .unsupported("component \(index) has \(precision)-bit samples")
            }
            self.data = data
            self.precision = precision
            self.offset = component.sgnd != 0 ? 1 << (precision - 1) : 0
            self.maximum = (1 << precision) - 1
        }

        /// The sample at `index`, shifted to unsigned, clamped, and scaled to 0...255.
        @inline(__always)
        func sample(_ index: Int) -> Int {
            let value = min(max(Int(data[index]) + offset, 0), maximum)
            return precision == 8 ? value : (value * 255 + maximum / 2) / maximum
        }
    }
}

/// The input bytes as OpenJPEG's stream sees them: read, skip and seek within a buffer.
private final class MemorySource {
    let base: UnsafeRawBufferPointer
    var position = 0

    init(_ base: UnsafeRawBufferPointer) { self.base = base }

    var count: Int { base.count }

    /// Copies up to `count` bytes; `-1` (as OpenJPEG's `(OPJ_SIZE_T)-1`) at the end.
    func read(into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
        let available = base.count - position
        guard available > 0, count > 0, let start = base.baseAddress else { return -1 }
        let length = min(count, available)
        buffer.copyMemory(from: start + position, byteCount: length)
        position += length
        return length
    }

    /// Moves by `count` bytes; `-1` when that would leave the buffer (never a partial skip, which
    /// OpenJPEG would retry forever).
    func skip(_ count: Int64) -> Int64 {
        let (sum, overflow) = Int64(position).addingReportingOverflow(count)
        guard !overflow, let target = Int(exactly: sum), target >= 0, target <= base.count else {
            return -1
        }
        position = target
        return count
    }

    /// Moves to an absolute position inside the buffer.
    func seek(to target: Int64) -> Bool {
        guard target >= 0, target <= Int64(base.count) else { return false }
        position = Int(target)
        return true
    }
}

/// OpenJPEG's error messages for one decode, kept for the thrown error's reason.
private final class MessageLog {
    private(set) var messages: [String] = []

    func record(_ message: String) {
        guard messages.count < OpenJPEGDecoding.maximumMessages else { return }
        let trimmed = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        messages.append(String(trimmed.prefix(160)))
    }

    /// `": message; message"`, or nothing when OpenJPEG said nothing.
    var suffix: String {
        messages.isEmpty ? "" : ": " + messages.joined(separator: "; ")
    }
}
