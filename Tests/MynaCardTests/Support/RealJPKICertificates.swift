import Foundation
import Testing

/// The real JPKI CA self-signed certificates (public; published by J-LIS), read at run time from
/// `shared/data/jpki-ca/*.pem` beside the repository — `<repository>/../shared/data/jpki-ca/` — and never
/// copied into it. The library itself bundles no trust anchors.
///
/// Where the directory is missing, the tests that need it are skipped with a message saying where to put
/// the files — except on CI (`CI=true`), which clones the repository with `shared/` beside it: there they
/// run and fail with a clear message.
enum RealJPKICertificates {
    /// The certificates the directory holds: the user-authentication and signature CAs of 2015 and 2023.
    static let expectedNames = ["auth_ca_2015", "auth_ca_2023", "sign_ca_2015", "sign_ca_2023"]

    /// `<repository>/../shared/data/jpki-ca`, from this file's path
    /// (`<repository>/Tests/MynaCardTests/Support/RealJPKICertificates.swift`).
    static let directory: URL = URL(filePath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // MynaCardTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // the repository
        .appending(path: "../shared/data/jpki-ca", directoryHint: .isDirectory)
        .standardized

    /// Whether the directory is there.
    static var isAvailable: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: directory.path(percentEncoded: false), isDirectory: &isDirectory)
            && isDirectory.boolValue
    }

    /// Whether the tests must run even without the directory (and then fail): on CI.
    static var isRequired: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Run when the certificates are there, or on CI (where their absence is a failure).
    static var shouldRun: Bool { isAvailable || isRequired }

    /// Why the tests were skipped.
    static var skipComment: Comment {
        Comment(
            rawValue: "The real JPKI CA certificates are not at \(directory.path(percentEncoded: false)): put "
                + expectedNames.map { "\($0).pem" }.joined(separator: ", ")
                + " there (shared/data/jpki-ca/ beside the repository) to run these tests.")
    }

    /// One certificate's PEM text, by file name without `.pem`.
    static func pem(_ name: String) throws -> String {
        let file = directory.appending(path: "\(name).pem")
        do {
            return try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw TestSupportError(
                "cannot read the real JPKI CA certificate \(file.path(percentEncoded: false)) (\(error.localizedDescription)); "
                    + "CI clones the repository with shared/ beside it, so shared/data/jpki-ca/\(name).pem must be there")
        }
    }

    /// Every `*.pem` in the directory, by name, sorted.
    static func all() throws -> [(name: String, pem: String)] {
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory.path(percentEncoded: false))
        } catch {
            throw TestSupportError(
                "the real JPKI CA certificates are missing: no directory \(directory.path(percentEncoded: false)); "
                    + "CI clones the repository with shared/ beside it, so shared/data/jpki-ca/ must be there")
        }
        let names = files.filter { $0.hasSuffix(".pem") }.map { String($0.dropLast(4)) }.sorted()
        guard !names.isEmpty else {
            throw TestSupportError("no .pem file in \(directory.path(percentEncoded: false))")
        }
        return try names.map { ($0, try pem($0)) }
    }
}
