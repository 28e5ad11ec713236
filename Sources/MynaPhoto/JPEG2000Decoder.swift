/// Decodes the card's face photo — JPEG 2000, in a JP2 container or as a raw J2K codestream — into a
/// ``GreyscaleImage``.
///
/// The card-face confirmation applet (券面事項確認AP) stores the photo monochrome, so greyscale is the
/// natural result. Input with colour components is converted to greyscale rather than rejected: YCbCr
/// (sYCC, e-sYCC) input keeps its luma component, RGB input is combined with the ITU-R BT.601 weights
/// (0.299, 0.587, 0.114). An alpha component is ignored; an embedded ICC profile is not applied. Samples
/// deeper than 8 bits are rescaled to 0...255; signed samples are shifted to unsigned first.
///
/// The bytes come from a card and are treated as hostile:
/// - before OpenJPEG sees them, a bounds-checked walk checks that every JP2 box and every tile-part is
///   complete up to the final EOC marker, and that the declared size, tile count, component count and
///   sample depth are within ``Limits`` — so a cut-off file is an error, never a partial picture, and
///   nothing huge is allocated;
/// - OpenJPEG decodes from memory (no temporary files) in strict mode, every return value is checked, and
///   its messages are captured into the error's reason instead of being printed;
/// - the decoded image is checked against the declared structure before any pixel is read.
///
/// ```swift
/// let photo = try JPEG2000Decoder.decode(faceRecord.photo)   // GreyscaleImage
/// let png = PNGEncoder.encode(photo)
/// ```
public struct JPEG2000Decoder: Sendable {
    /// Upper bounds on what a codestream may declare before any decoding happens.
    ///
    /// OpenJPEG allocates the whole decoded image (four bytes per sample) and per-tile state up front, from
    /// what the main header declares; a codestream of a hundred bytes can declare far more than it holds.
    /// The limits are checked before OpenJPEG sees the bytes, so what it may allocate is bounded by them.
    public struct Limits: Hashable, Sendable {
        /// The widest image accepted, in pixels.
        public var maximumWidth: Int
        /// The tallest image accepted, in pixels.
        public var maximumHeight: Int
        /// The most tiles a codestream may declare (OpenJPEG allocates per-tile state up front).
        public var maximumTileCount: Int
        /// The most samples (width × height × components, at each component's own resolution) an image may
        /// declare; OpenJPEG keeps four bytes per sample.
        public var maximumSampleCount: Int

        /// Creates limits.
        ///
        /// - Parameters:
        ///   - maximumWidth: the widest image accepted, in pixels.
        ///   - maximumHeight: the tallest image accepted, in pixels.
        ///   - maximumTileCount: the most tiles an image may declare.
        ///   - maximumSampleCount: the default is width × height × 4 of the other limits, so that only the
        ///     dimensions bound the image.
        public init(maximumWidth: Int, maximumHeight: Int, maximumTileCount: Int, maximumSampleCount: Int? = nil) {
            self.maximumWidth = maximumWidth
            self.maximumHeight = maximumHeight
            self.maximumTileCount = maximumTileCount
            if let maximumSampleCount {
                self.maximumSampleCount = maximumSampleCount
            } else {
                let (area, areaOverflow) = max(maximumWidth, 0).multipliedReportingOverflow(by: max(maximumHeight, 0))
                let (samples, overflow) = area.multipliedReportingOverflow(by: JPEG2000Structure.maximumComponents)
                self.maximumSampleCount = areaOverflow || overflow ? .max : samples
            }
        }

        /// 1024 × 1024 pixels, 64 tiles and 1,048,576 samples (4 MiB of decoded samples): a card photo is
        /// a greyscale picture of a few hundred pixels a side (the simulated card's is 90 × 110), so this
        /// is far above any card photo and keeps what OpenJPEG allocates for a hostile header to a few
        /// megabytes.
        public static let `default` = Limits(
            maximumWidth: 1024, maximumHeight: 1024, maximumTileCount: 64, maximumSampleCount: 1 << 20)
    }

    /// The limits applied to every decode.
    public var limits: Limits

    /// Creates a decoder with the given limits.
    public init(limits: Limits = .default) {
        self.limits = limits
    }

    /// Decodes a JP2 file or a raw JPEG 2000 codestream with the default limits.
    ///
    /// - Throws: a ``PhotoError``, as the instance method does.
    public static func decode(_ bytes: some Collection<UInt8>) throws(PhotoError) -> GreyscaleImage {
        try JPEG2000Decoder().decode(bytes)
    }

    /// Decodes a JP2 file or a raw JPEG 2000 codestream.
    ///
    /// - Throws: ``PhotoError`` with code
    ///   ``PhotoError/Code/empty``, ``PhotoError/Code/unrecognizedFormat``, ``PhotoError/Code/truncated``,
    ///   ``PhotoError/Code/malformed``,
    ///   ``PhotoError/Code/dimensionsTooLarge`` (too wide, too tall or too many samples),
    ///   ``PhotoError/Code/tooManyTiles``, ``PhotoError/Code/unsupported`` or
    ///   ``PhotoError/Code/decodeFailed``. No partial image is ever returned.
    public func decode(_ bytes: some Collection<UInt8>) throws(PhotoError) -> GreyscaleImage {
        let input = Array(bytes)
        let structure = try JPEG2000Structure.parse(input, limits: limits)
        return try OpenJPEGDecoding.decode(input, structure: structure)
    }
}
