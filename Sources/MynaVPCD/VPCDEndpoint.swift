/// Where vsmartcard's `vpcd` reader driver (loaded by pcscd) listens for a virtual card.
///
/// The virtual card is the TCP *client*: connecting inserts the card into the reader, closing the
/// connection removes it. Debian's `vsmartcard-vpcd` package configures two readers, `Virtual PCD 00 00`
/// on port 35963 and `Virtual PCD 00 01` on port 35964.
public struct VPCDEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// The host running pcscd with the vpcd driver (a name or a numeric address).
    public var host: String
    /// The TCP port of one virtual reader.
    public var port: UInt16

    /// Creates an endpoint; the default is the first virtual reader on this machine.
    public init(host: String = "127.0.0.1", port: UInt16 = 35963) {
        self.host = host
        self.port = port
    }

    /// The first virtual reader, `Virtual PCD 00 00` (port 35963).
    public static let reader0 = VPCDEndpoint(port: 35963)
    /// The second virtual reader, `Virtual PCD 00 01` (port 35964).
    public static let reader1 = VPCDEndpoint(port: 35964)

    /// `host:port`.
    public var description: String { "\(host):\(port)" }
}
