import MynaCodec

/// A model of the link between the reader and the card: what one APDU exchange costs in time.
///
/// The model is deliberately simple and deterministic, so that tests and benchmarks can compare reading
/// strategies without a card or a clock. One exchange costs
///
/// - a fixed ``turnaround`` (the reader's and the card's processing, the protocol's waiting times),
/// - plus every byte of the command and of the response (data and status word), each ``bitsPerCharacter``
///   bit periods at ``bitRate``,
/// - plus, per transmission block of at most ``maximumBlockInformation`` bytes (T=1 IFSC/IFSD, ISO 14443-4
///   FSC/FSD), ``blockOverheadBytes`` of framing,
/// - plus, per block beyond the first in each direction (chaining), the acknowledging block the other side
///   sends (``blockOverheadBytes`` bytes) and ``chainingGap``.
///
/// The three built-in profiles state their parameters; every parameter can be changed
/// (`var profile = LinkProfile.contactT1At9600; profile.turnaround = .milliseconds(15)`).
public struct LinkProfile: Hashable, Sendable, CustomStringConvertible {
    /// A short name for tables and logs.
    public var name: String
    /// Bits per second on the wire (the card's etu rate).
    public var bitRate: Int
    /// Bit periods (etu) per byte: start bit, 8 data bits, parity or stop bit, and the guard time.
    public var bitsPerCharacter: Int
    /// The fixed cost of one command–response exchange.
    public var turnaround: Duration
    /// The most APDU bytes one transmission block carries (T=1: IFSC/IFSD; ISO 14443-4: FSC/FSD minus the
    /// prologue and CRC).
    public var maximumBlockInformation: Int
    /// Framing bytes per block (T=1: NAD, PCB, LEN, LRC; ISO 14443-4 type B: PCB, CRC and SOF/EOF).
    public var blockOverheadBytes: Int
    /// The extra waiting per chained block (block guard times, the reader's frame delay).
    public var chainingGap: Duration

    /// A profile with every parameter stated.
    public init(
        name: String, bitRate: Int, bitsPerCharacter: Int, turnaround: Duration, maximumBlockInformation: Int,
        blockOverheadBytes: Int, chainingGap: Duration
    ) {
        self.name = name
        self.bitRate = bitRate
        self.bitsPerCharacter = bitsPerCharacter
        self.turnaround = turnaround
        self.maximumBlockInformation = maximumBlockInformation
        self.blockOverheadBytes = blockOverheadBytes
        self.chainingGap = chainingGap
    }

    /// The name.
    public var description: String { name }

    /// Contact, T=1 at the default 9600 bit/s (Fi/Di = 372/1 at 3.57 MHz, no PPS): 11 etu per character
    /// (character guard time N = 0), 10 ms turnaround, IFSC/IFSD 254, 4 framing bytes per block (NAD, PCB,
    /// LEN, LRC), 44 etu per chained block (two block guard times of 22 etu).
    public static let contactT1At9600 = LinkProfile(
        name: "contact T=1, 9600 bit/s", bitRate: 9600, bitsPerCharacter: 11, turnaround: .milliseconds(10),
        maximumBlockInformation: 254, blockOverheadBytes: 4, chainingGap: etu(44, at: 9600))

    /// Contact, T=1 at 115.2 kbit/s after PPS: 11 etu per character, 4 ms turnaround, IFSC/IFSD 254,
    /// 4 framing bytes per block, 44 etu per chained block.
    public static let contactT1At115200 = LinkProfile(
        name: "contact T=1, 115.2 kbit/s", bitRate: 115_200, bitsPerCharacter: 11, turnaround: .milliseconds(4),
        maximumBlockInformation: 254, blockOverheadBytes: 4, chainingGap: etu(44, at: 115_200))

    /// Contactless, ISO/IEC 14443 type B at 424 kbit/s (fc/32): 10 etu per character (start, 8 bits, stop;
    /// no extra guard time), 6 ms turnaround (the reader's and the card's processing, frame delay times),
    /// FSD 256 (253 bytes of INF after PCB and CRC), 5 framing bytes per frame (PCB, 2 CRC bytes, SOF and EOF
    /// ≈ 2 characters), 0.5 ms per chained frame (R(ACK) and frame delay).
    public static let contactlessTypeBAt424k = LinkProfile(
        name: "contactless type B, 424 kbit/s", bitRate: 423_750, bitsPerCharacter: 10,
        turnaround: .milliseconds(6), maximumBlockInformation: 253, blockOverheadBytes: 5,
        chainingGap: .microseconds(500))

    /// The three built-in profiles, slowest first.
    public static let builtIn: [LinkProfile] = [.contactT1At9600, .contactT1At115200, .contactlessTypeBAt424k]

    /// `count` bit periods at `bitRate`, rounded to the nanosecond.
    static func etu(_ count: Int, at bitRate: Int) -> Duration {
        .nanoseconds(Int64((Double(count) * 1e9 / Double(bitRate)).rounded()))
    }

    // MARK: The model

    /// Nanoseconds per byte on the wire.
    var characterNanoseconds: Double { Double(bitsPerCharacter) * 1e9 / Double(bitRate) }

    /// One byte's duration on the wire.
    package var characterDuration: Duration { .nanoseconds(Int64(characterNanoseconds.rounded())) }

    /// The time `count` bytes in one direction take, with block framing and chaining, in nanoseconds.
    func directionNanoseconds(_ count: Int) -> Double {
        let perBlock = max(1, maximumBlockInformation)
        let blocks = max(1, (max(0, count) + perBlock - 1) / perBlock)
        let framed = Double(max(0, count) + blocks * blockOverheadBytes) * characterNanoseconds
        let chaining = Double(blocks - 1)
            * (Double(blockOverheadBytes) * characterNanoseconds + Self.nanoseconds(chainingGap))
        return framed + chaining
    }

    static func nanoseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1e9 + Double(attoseconds) / 1e9
    }

    /// The modelled time of one exchange: `commandBytes` out (the whole command APDU), `responseBytes` back
    /// (data and status word).
    public func exchangeTime(commandBytes: Int, responseBytes: Int) -> Duration {
        let total = Self.nanoseconds(turnaround) + directionNanoseconds(commandBytes)
            + directionNanoseconds(responseBytes)
        return .nanoseconds(Int64(total.rounded()))
    }

    /// The modelled time of exchanging `command` and `response`.
    package func exchangeTime(_ command: CommandAPDU, _ response: ResponseAPDU) -> Duration {
        exchangeTime(commandBytes: command.encodedCount, responseBytes: response.data.count + 2)
    }

    /// What one more READ BINARY costs, in bytes of response on this link: the break-even between asking for
    /// bytes that may be filler and sending another APDU. A reader that does not know how long a file is
    /// asks for this many bytes first (a smaller file then costs at most one APDU's worth of filler; a
    /// larger one costs exactly one more APDU).
    public var apduCostInBytes: Int {
        // A short READ BINARY by offset: 5 bytes out, the status word back.
        let apdu = Self.nanoseconds(turnaround) + directionNanoseconds(5) + directionNanoseconds(2)
        // One more response byte, with its share of framing and chaining.
        let perBlock = Double(max(1, maximumBlockInformation))
        let byte = characterNanoseconds * (1 + 2 * Double(blockOverheadBytes) / perBlock)
            + Self.nanoseconds(chainingGap) / perBlock
        return max(1, Int((apdu / byte).rounded(.up)))
    }
}
