import Foundation
@testable import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator
import MynaTransport

/// The files of every built-in persona's simulated card: the seed corpora, and the genuine issuer
/// certificates and integrity records that the card-file targets check their input against.
public enum SimulatedFiles {
    /// One simulated card per built-in persona, built once.
    public static let images: [CardImage] = Persona.builtIns.compactMap { try? CardImage(persona: $0) }

    /// The standard persona's card.
    public static let standard: CardImage = {
        guard let image = images.first(where: { $0.persona.identifier == Persona.standard.identifier }) else {
            fatalError("the standard persona's card cannot be built")
        }
        return image
    }()

    /// Every transparent EF of every applet of every persona, as stored (filler included), without
    /// duplicates.
    public static var allFiles: [[UInt8]] {
        var files: [[UInt8]] = []
        for image in images {
            for application in image.applications {
                for fid in UInt16(1)...UInt16(0x1E) {
                    if let bytes = image.fileContent(application: application, file: FileIdentifier(fid)) {
                        files.append(bytes)
                    }
                }
            }
        }
        return unique(files)
    }

    /// The data object a reader gets for one EF (a `.berTLV` read: the object without the filler after it),
    /// from every persona whose card has the file.
    public static func objects(_ application: ApplicationIdentifier, _ file: FileIdentifier) -> [[UInt8]] {
        unique(images.compactMap { object(in: $0, application, file) })
    }

    /// The physical bytes of one EF from every persona whose card has the file.
    public static func contents(_ application: ApplicationIdentifier, _ file: FileIdentifier) -> [[UInt8]] {
        unique(images.compactMap { $0.fileContent(application: application, file: file) })
    }

    /// The data object at the start of an EF of one card.
    public static func object(in image: CardImage, _ application: ApplicationIdentifier, _ file: FileIdentifier) -> [UInt8]? {
        guard let bytes = image.fileContent(application: application, file: file),
            let node = try? BERTLV.parseFirst(bytes[...])
        else { return nil }
        return Array(node.encoded)
    }

    /// The standard card's card-verifiable certificate of an applet (EF `0004`).
    public static func cardVerifiableCertificate(_ application: ApplicationIdentifier) -> CardVerifiableCertificate {
        guard let bytes = object(in: standard, application, CardFaceConfirmationFile.cardVerifiableCertificate),
            let certificate = try? CardVerifiableCertificate(encoded: bytes)
        else { fatalError("the standard card has no card-verifiable certificate for \(application)") }
        return certificate
    }

    /// The standard card's integrity record (EF `0003` of the card info input support applet), checked.
    package static var integrityRecord: IntegrityRecord {
        let issuer = cardVerifiableCertificate(.cardInfoInputSupport)
        guard let bytes = object(in: standard, .cardInfoInputSupport, CardInfoInputSupportFile.integrityRecord),
            let record = try? IntegrityRecord(encoded: bytes, issuer: issuer)
        else { fatalError("the standard card's integrity record does not verify") }
        return record
    }

    static func unique(_ list: [[UInt8]]) -> [[UInt8]] {
        var seen = Set<[UInt8]>()
        return list.filter { seen.insert($0).inserted }
    }
}
