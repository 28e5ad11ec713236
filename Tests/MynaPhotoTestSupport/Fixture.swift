import Foundation

/// The synthetic face-photo fixtures under `Tests/MynaPhotoTests/Fixtures`, made by
/// `Scripts/make-photo-test-fixture`; read by MynaPhoto's tests and by the example reader's report tests.
public enum Fixture {
    /// `Tests/MynaPhotoTests/Fixtures` (this file is `Tests/MynaPhotoTestSupport/Fixture.swift`).
    public static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("MynaPhotoTests/Fixtures", isDirectory: true)

    /// The bytes of the fixture `name`.
    public static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }
}
