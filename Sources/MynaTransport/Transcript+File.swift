import Foundation

extension Transcript {
    /// The largest transcript file read: 64 MiB.
    package static let maximumFileSize = 64 << 20

    /// Reads a transcript file, as ``TranscriptRecorder`` writes it: every entry ends with a line break.
    ///
    /// A file that does not end with a line break was cut off mid-write (a crash, a full disk): its last line
    /// may be a prefix of a longer one that still parses — a response with part of its data — so it is not
    /// used, nor a command left without its response at the end (written in the same write as its
    /// response). The transcript holds every complete entry before the cut and is marked ``isTruncated``.
    ///
    /// - Throws: ``TransportError/Code/transcriptInvalid`` when the file does not exist or cannot be read,
    ///   is larger than 64 MiB (found out without reading more than one byte past it), is not
    ///   UTF-8 or does not parse.
    public init(contentsOf path: String) throws(TransportError) {
        let bytes: [UInt8]?
        do {
            bytes = try ProtectedFile.read(path, limit: Self.maximumFileSize)
        } catch {
            throw TransportError(.transcriptInvalid, "cannot read the transcript file: \(error.reason)")
        }
        guard let bytes else { throw TransportError(.transcriptInvalid, "there is no transcript file at \(path)") }
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw TransportError(.transcriptInvalid, "the transcript file is not UTF-8")
        }
        try self.init(parsing: text, wasCut: true)
    }
}
