import Crypto
import CryptoExtras
import Foundation
import MynaCodec

/// Where the text applet's secure messaging stands (card facts §3 "Secure messaging").
enum SecureMessagingState: Sendable {
    /// No SET SESSION KEY since the applet was selected.
    case none
    /// A session key is set; CLA `08` commands are answered.
    case established(SecureMessagingSession)
    /// A wrong counter or data object destroyed the session: CLA `08` answers `69FC` until a new SET SESSION
    /// KEY, an applet select or a power-off.
    case destroyed
}

/// One secure-messaging session: the AES-128 key from the SET SESSION KEY seed and the counter.
///
/// The card facts give AES-128-CBC and a counter starting at 1 that every secure command advances, not the
/// IV or the padding byte for byte. **Simulator choices** (Documentation/card-formats.md): the IV is the
/// counter itself as a 16-byte big-endian block (so a wrong counter changes the padding of a one-block
/// cryptogram and is always found), and padding is ISO/IEC 7816-4 (`80 00…`), always added. A command and its
/// reply use the same counter value.
struct SecureMessagingSession: Sendable {
    /// The AES-128 session key: the first 16 bytes of the seed.
    let key: SymmetricKey
    /// The counter value of the next secure command.
    var counter: UInt64 = 1

    /// The AES block size.
    static let blockSize = 16

    /// A session keyed by the first 16 bytes of a 32-byte seed.
    init(seed: [UInt8]) {
        key = SymmetricKey(data: Array(seed.prefix(16)))
    }

    /// The IV for a counter value: the value as a 16-byte big-endian block.
    static func iv(counter: UInt64) -> [UInt8] {
        [UInt8](repeating: 0, count: 8) + (0..<8).reversed().map { UInt8(truncatingIfNeeded: counter >> ($0 * 8)) }
    }

    /// AES-128-CBC of `plaintext` padded with `80 00…`, under the IV of `counter`.
    func encrypt(_ plaintext: [UInt8], counter: UInt64) -> [UInt8]? {
        var padded = plaintext + [0x80]
        while padded.count % Self.blockSize != 0 { padded.append(0x00) }
        guard let iv = try? AES._CBC.IV(ivBytes: Self.iv(counter: counter)),
            let cryptogram = try? AES._CBC.encrypt(padded, using: key, iv: iv, noPadding: true)
        else { return nil }
        return Array(cryptogram)
    }

    /// Decrypts a cryptogram made by ``encrypt(_:counter:)`` with the same counter.
    ///
    /// - Returns: `nil` when the cryptogram is empty or not whole blocks, or the padding is wrong (a wrong
    ///   counter or key).
    func decrypt(_ cryptogram: some Collection<UInt8>, counter: UInt64) -> [UInt8]? {
        guard !cryptogram.isEmpty, cryptogram.count % Self.blockSize == 0,
            let iv = try? AES._CBC.IV(ivBytes: Self.iv(counter: counter)),
            let padded = try? AES._CBC.decrypt(Array(cryptogram), using: key, iv: iv, noPadding: true)
        else { return nil }
        let bytes = Array(padded)
        guard let marker = bytes.lastIndex(where: { $0 != 0x00 }), bytes[marker] == 0x80,
            bytes.count - marker <= Self.blockSize
        else { return nil }
        return Array(bytes[..<marker])
    }
}
