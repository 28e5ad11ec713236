import Foundation
import MynaTransport

/// Files the commands write and read.
enum FileOutput {
    /// Writes `bytes` to `path` atomically: a new file in the same directory, renamed over `path`. Personal
    /// data (photos, card-face images, the report, a signature certificate) is created readable by its owner
    /// only (`0600`) from the first byte on — never written wider and narrowed afterwards.
    static func write(_ bytes: [UInt8], to path: String, personal: Bool = false) throws {
        do {
            try ProtectedFile.write(bytes, to: path, mode: personal ? 0o600 : 0o644)
        } catch {
            throw Failure.file(Phrase("file.cannotWrite", path, error.reason))
        }
    }

    /// Creates `path` as a directory (and its parents) unless it exists; new directories are the owner's
    /// only.
    static func makeDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw Failure.file(Phrase("file.cannotCreateDirectory", path, error.localizedDescription))
        }
    }

    /// The contents of `path`, at most `limit` bytes — found out without reading more than `limit + 1`
    /// bytes, so `/dev/zero` or a huge file is refused at once.
    static func read(_ path: String, limit: Int = 64 << 20) throws -> [UInt8] {
        let bytes: [UInt8]?
        do {
            bytes = try ProtectedFile.read(path, limit: limit)
        } catch {
            if error.isTooLarge {
                throw Failure.usage(Phrase("file.tooLarge", path, String(limit)))
            }
            throw Failure.file(
                Phrase("file.cannotRead", path, error.reason), remedy: Phrase("file.cannotRead.remedy"), exitStatus: .usage)
        }
        guard let bytes else {
            throw Failure.file(
                Phrase("file.doesNotExist", path), remedy: Phrase("file.cannotRead.remedy"), exitStatus: .usage)
        }
        return bytes
    }
}
