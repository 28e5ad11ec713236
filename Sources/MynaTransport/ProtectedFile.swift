#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// File access for the package's own files — stores, state files, transcripts, personal outputs — with the
/// guarantees the rules ask for: reads stop at a size limit (at most limit + 1 bytes are read, whatever
/// the file's size, `/dev/zero` included); writes create a new file readable by its owner only (`0600`
/// from the start, never widened and narrowed afterwards), in the target's directory, then rename it over
/// the target, so a crash never leaves a half-written file.
package enum ProtectedFile {
    /// Why a file operation failed, with the system's reason.
    package struct Failure: Error, Sendable, CustomStringConvertible {
        /// What happened, naming the path.
        package let reason: String
        /// `errno`, when the system said.
        package let code: Int32?
        /// Whether the file holds more than the limit the reader set.
        package let isTooLarge: Bool

        package init(_ reason: String, code: Int32? = nil, isTooLarge: Bool = false) {
            self.reason = reason
            self.code = code
            self.isTooLarge = isTooLarge
        }

        package var description: String { reason }
    }

    /// Reads the file at `path`: `nil` when it does not exist (and its directory does); its bytes when it is
    /// a readable regular file or character device (such as a pipe or `/dev/zero`) of at most `limit` bytes.
    ///
    /// - Throws: ``Failure`` when the file or its directory cannot be reached (permission, a path through
    ///   a file, an unmounted share), when it is a directory, and when it holds more than `limit` bytes — at
    ///   most `limit + 1` bytes are read to find out.
    package static func read(_ path: String, limit: Int) throws(Failure) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            let error = errno
            if error == ENOENT {
                // Only a missing file in a directory that exists means "no file".
                let directory = directoryName(path)
                var status = stat()
                guard stat(directory, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
                    throw Failure("the directory \(directory) cannot be reached", code: errno)
                }
                return nil
            }
            throw Failure("\(path) cannot be opened: \(reason(error))", code: error)
        }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw Failure("\(path) cannot be examined", code: errno) }
        guard status.st_mode & S_IFMT != S_IFDIR else { throw Failure("\(path) is a directory") }
        let maximum = max(0, limit)
        let (capacity, overflow) = maximum.addingReportingOverflow(1)
        guard !overflow else { throw Failure("the limit for \(path) is too large") }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count < capacity {
            let wanted = min(chunk.count, capacity - bytes.count)
            let count = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, wanted) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure("\(path) cannot be read: \(reason(errno))", code: errno)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        guard bytes.count <= maximum else {
            throw Failure("\(path) is larger than \(maximum) bytes", isTooLarge: true)
        }
        return bytes
    }

    /// Writes `bytes` to `path`: a new file in the same directory, created exclusively with `mode` (owner
    /// read and write by default), written in full and synced, then renamed over `path`.
    ///
    /// - Throws: ``Failure``; the temporary file is removed and `path` is left as it was.
    package static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o600) throws(Failure) {
        let (fd, temporary) = try createTemporary(besides: path, mode: mode)
        do throws(Failure) {
            try writeAll(bytes, to: fd, path: temporary)
            guard fsync(fd) == 0 else { throw Failure("\(path) cannot be synced: \(reason(errno))", code: errno) }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let error = errno
            unlink(temporary)
            throw Failure("\(path) cannot be replaced: \(reason(error))", code: error)
        }
    }

    /// Creates `path` afresh (owner read and write only from the first byte on) and returns it open for
    /// writing: a new file with `initial` as its content, renamed over `path`. The caller closes the
    /// descriptor.
    package static func create(_ path: String, initial: [UInt8], mode: mode_t = 0o600) throws(Failure) -> Int32 {
        let (fd, temporary) = try createTemporary(besides: path, mode: mode)
        do throws(Failure) {
            try writeAll(initial, to: fd, path: temporary)
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let error = errno
            close(fd)
            unlink(temporary)
            throw Failure("\(path) cannot be created: \(reason(error))", code: error)
        }
        return fd
    }

    /// Writes all of `bytes` to `fd`.
    package static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress.map { $0 + offset }, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure("\(path) cannot be written: \(reason(errno))", code: errno)
            }
            offset += written
        }
    }

    /// Runs `body` holding an exclusive `flock` on `path + ".lock"` (created `0600` when missing), so that
    /// a load-modify-save in one process never interleaves with another's. Blocks until the lock is free.
    package static func withExclusiveLock<T, E: Error>(
        on path: String, _ body: () throws(E) -> T
    ) throws(Failure) -> Result<T, E> {
        let lockPath = path + ".lock"
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, mode_t(0o600))
        guard fd >= 0 else { throw Failure("the lock file \(lockPath) cannot be opened: \(reason(errno))", code: errno) }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw Failure("the lock file \(lockPath) cannot be locked: \(reason(errno))", code: errno) }
        }
        defer { flock(fd, LOCK_UN) }
        do throws(E) {
            return .success(try body())
        } catch {
            return .failure(error)
        }
    }

    /// The directory part of `path` (`.` for a bare name).
    package static func directoryName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    private static func createTemporary(besides path: String, mode: mode_t) throws(Failure) -> (Int32, String) {
        let directory = directoryName(path)
        let name = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
        for _ in 0..<16 {
            let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            let temporary = "\(directory)/.\(name).\(suffix).tmp"
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode)
            if fd >= 0 { return (fd, temporary) }
            guard errno == EEXIST else {
                throw Failure("\(path) cannot be written: \(reason(errno))", code: errno)
            }
        }
        throw Failure("\(path) cannot be written: no temporary name was free")
    }

    private static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    private static func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(fd, buffer, count)
        #elseif canImport(Musl)
        Musl.read(fd, buffer, count)
        #else
        Darwin.read(fd, buffer, count)
        #endif
    }

    private static func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(fd, buffer, count)
        #elseif canImport(Musl)
        Musl.write(fd, buffer, count)
        #else
        Darwin.write(fd, buffer, count)
        #endif
    }
}
