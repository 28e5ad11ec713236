import MynaISO7816
import Testing

@Suite("SecretBytes")
struct SecretBytesTests {
    @Test("description, debugDescription and interpolation never show the bytes or their count")
    func neverShown() {
        let secret = SecretBytes(utf8: "1234")
        let texts = [
            secret.description, secret.debugDescription, "\(secret)", String(describing: secret),
            String(reflecting: secret), "\([secret])", "\(Optional(secret) as Any)",
        ]
        for text in texts {
            #expect(text.contains("<secret redacted>"))
            #expect(!text.contains("1234"))
            #expect(!text.contains("31323334"))
            #expect(!text.contains("49"))  // decimal of "1"
            #expect(!text.contains("4 bytes"))
        }
    }

    @Test("The bytes are available to withUnsafeBytes only")
    func bytes() {
        let secret = SecretBytes(utf8: "1234")
        #expect(secret.count == 4)
        #expect(secret.withUnsafeBytes { Array($0) } == [0x31, 0x32, 0x33, 0x34])
        let empty = SecretBytes([])
        #expect(empty.count == 0)
        #expect(empty.withUnsafeBytes { $0.isEmpty })
    }
}
