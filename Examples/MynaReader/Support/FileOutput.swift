import Foundation

/// Files the commands write and read.
enum FileOutput {
    /// Writes `bytes` to `path` atomically. Personal data (photos, card-face images, the report) is written
    /// readable by its owner only.
    static func write(_ bytes: [UInt8], to path: String, personal: Bool = false) throws {
        let url = URL(fileURLWithPath: path)
        do {
            try Data(bytes).write(to: url, options: .atomic)
            if personal {
                try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
            }
        } catch {
            throw Failure.file("Cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// Creates `path` as a directory (and its parents) unless it exists.
    static func makeDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw Failure.file("Cannot create the directory \(path): \(error.localizedDescription)")
        }
    }

    /// The contents of `path`, at most `limit` bytes.
    static func read(_ path: String, limit: Int = 64 << 20) throws -> [UInt8] {
        let url = URL(fileURLWithPath: path)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw Failure(
                code: "fileError", message: "Cannot read \(path): \(error.localizedDescription)",
                remedy: "Check the path and that you may read the file.", exitStatus: .usage)
        }
        guard data.count <= limit else {
            throw Failure.usage("\(path) is larger than \(limit) bytes.")
        }
        return [UInt8](data)
    }
}
