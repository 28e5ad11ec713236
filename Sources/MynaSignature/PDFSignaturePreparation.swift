import Foundation
import MynaCard

/// A PDF with a signature prepared by incremental update — the original bytes untouched, then a signature
/// dictionary with a `/Contents` placeholder and its `/ByteRange`, a signature field (merged with an
/// invisible widget annotation on the first page), the catalog with its `/AcroForm`, the page with the
/// widget in `/Annots`, and a cross-reference section of the original's kind (table or stream).
///
/// ``contentDigest`` is what the CMS signs; ``complete(cms:)`` writes the CMS into the placeholder.
public struct PDFSignaturePreparation: Sendable {
    /// The signature dictionary's `/SubFilter`: how the CMS is to be read. An open set.
    public struct SubFilter: Hashable, Sendable, CustomStringConvertible {
        /// The PDF name, without the slash.
        public let name: String

        /// Creates a subfilter.
        public init(_ name: String) { self.name = name }

        /// `adbe.pkcs7.detached`: a detached CMS, read by every PDF reader.
        public static let adbePKCS7Detached = SubFilter("adbe.pkcs7.detached")
        /// `ETSI.CAdES.detached`: PAdES (ETSI EN 319 142-1); the signing time goes in /M only.
        public static let etsiCAdESDetached = SubFilter("ETSI.CAdES.detached")

        /// The ``name``.
        public var description: String { name }
    }

    /// The prepared file, the placeholder filled with zeros.
    public let preparedBytes: [UInt8]
    /// The `/Contents` string, `<` to `>` inclusive: the one part the ByteRange leaves out.
    public let hole: Range<Int>
    /// The hash algorithm of ``contentDigest``.
    public let algorithm: DigestAlgorithm
    /// The size of the original file (the update starts here).
    public let originalLength: Int
    /// The object number of the new signature dictionary.
    let signatureObjectNumber: Int

    /// The default room for the CMS: the certificates plus 8 KiB.
    public static func defaultReservedSize(certificates: [CardCertificate]) -> Int {
        certificates.reduce(8192) { $0 + $1.derEncoded.count }
    }

    /// Prepares `pdf` for a signature.
    ///
    /// - Parameters:
    ///   - pdf: the original file.
    ///   - algorithm: the digest algorithm of the coming CMS.
    ///   - signingTime: written as the signature dictionary's /M.
    ///   - reservedSize: bytes of room for the DER of the CMS.
    ///   - signerName: written as /Name (optional; never personal data unless the caller wants it).
    ///   - subFilter: the `/SubFilter`; ``SubFilter/adbePKCS7Detached`` by default.
    /// - Throws: ``SignatureError/Code/malformedPDF`` for a file whose structure cannot be read,
    ///   ``SignatureError/Code/unsupportedPDF`` for an encrypted file or one this writer cannot update safely.
    public init(
        pdf: [UInt8], algorithm: DigestAlgorithm = .sha256, signingTime: Date = Date(), reservedSize: Int = 16384,
        signerName: String? = nil, subFilter: SubFilter = .adbePKCS7Detached
    ) throws(SignatureError) {
        guard reservedSize > 0, reservedSize <= 1 << 20 else {
            throw SignatureError(.invalidArgument, "the reserved CMS size must be 1 byte to 1 MiB")
        }
        var document = try PDFDocument(pdf)
        guard document.trailer["Encrypt"] == nil else {
            throw SignatureError(.unsupportedPDF, "the PDF is encrypted; decrypt it first (e.g. `qpdf --decrypt`)")
        }
        guard let rootReference = document.trailer["Root"]?.reference,
            let catalogObject = try document.object(rootReference)?.object, case .dictionary(var catalog) = catalogObject
        else { throw SignatureError(.malformedPDF, "the document catalog (/Root) cannot be read") }

        // The first page: follow /Pages → /Kids[0] (bounded).
        var pageReference: PDFReference?
        var node = catalog["Pages"]
        for _ in 0..<64 {
            guard let reference = node?.reference, let object = try document.object(reference)?.object,
                let dictionary = object.dictionary
            else { break }
            if dictionary["Type"]?.name == "Page" || dictionary["Kids"] == nil {
                pageReference = reference
                break
            }
            node = try document.resolve(dictionary["Kids"])?.array?.first
        }
        guard let pageReference, case .dictionary(var page)? = try document.object(pageReference)?.object else {
            throw SignatureError(.malformedPDF, "the first page cannot be found")
        }

        var next = document.nextObjectNumber
        let signatureNumber = next
        let fieldNumber = next + 1
        next += 2
        var updated: [(PDFReference, [UInt8])] = []

        // The field list: existing fields kept.
        var acroForm: PDFDictionary
        var acroFormReference: PDFReference?
        switch catalog["AcroForm"] {
        case .reference(let reference)?:
            acroFormReference = reference
            acroForm = try document.object(reference)?.object.dictionary ?? PDFDictionary()
        case .dictionary(let dictionary)?: acroForm = dictionary
        default: acroForm = PDFDictionary()
        }
        var fields = try document.resolve(acroForm["Fields"])?.array ?? []
        let fieldName = "Signature\(fields.count + 1)"
        fields.append(.reference(PDFReference(number: fieldNumber, generation: 0)))
        acroForm["Fields"] = .array(fields)
        acroForm["SigFlags"] = .integer(3)
        if let acroFormReference {
            updated.append((acroFormReference, Self.serialize(.dictionary(acroForm))))
        } else {
            catalog["AcroForm"] = .dictionary(acroForm)
            updated.append((rootReference, Self.serialize(.dictionary(catalog))))
        }
        var annotations = try document.resolve(page["Annots"])?.array ?? []
        annotations.append(.reference(PDFReference(number: fieldNumber, generation: 0)))
        page["Annots"] = .array(annotations)
        updated.append((pageReference, Self.serialize(.dictionary(page))))

        var field = PDFDictionary()
        field["Type"] = .name("Annot")
        field["Subtype"] = .name("Widget")
        field["FT"] = .name("Sig")
        field["T"] = .string(Array(fieldName.utf8))
        field["V"] = .reference(PDFReference(number: signatureNumber, generation: 0))
        field["F"] = .integer(132)
        field["Rect"] = .array([.integer(0), .integer(0), .integer(0), .integer(0)])
        field["P"] = .reference(pageReference)
        updated.append((PDFReference(number: fieldNumber, generation: 0), Self.serialize(.dictionary(field))))

        // The signature dictionary, written by hand around the two placeholders.
        let byteRangeWidth = 4 * 11 + 2
        var signature: [UInt8] =
            Array("<</Type /Sig\n/Filter /Adobe.PPKLite\n/SubFilter ".utf8) + PDFObject.nameBytes(subFilter.name)
            + Array("\n/ByteRange ".utf8)
        let byteRangeOffset = signature.count
        signature += Array(repeating: UInt8(ascii: " "), count: byteRangeWidth)
        signature += Array("\n/Contents ".utf8)
        let contentsOffset = signature.count
        signature.append(UInt8(ascii: "<"))
        signature += Array(repeating: UInt8(ascii: "0"), count: reservedSize * 2)
        signature.append(UInt8(ascii: ">"))
        signature += Array("\n/M ".utf8) + Self.serialize(.string(Array(Self.pdfDate(signingTime).utf8)))
        if let signerName { signature += Array("\n/Name ".utf8) + Self.serialize(.string(Array(signerName.utf8))) }
        signature += Array("\n>>".utf8)
        updated.append((PDFReference(number: signatureNumber, generation: 0), signature))

        // The update: objects, then the cross-reference section.
        var output = pdf
        if let last = output.last, last != 0x0A, last != 0x0D { output.append(0x0A) }
        var offsets: [(PDFReference, Int)] = []
        var signatureObjectStart = 0
        for (reference, body) in updated.sorted(by: { $0.0.number < $1.0.number }) {
            offsets.append((reference, output.count))
            output += Array("\(reference.number) \(reference.generation) obj\n".utf8)
            if reference.number == signatureNumber { signatureObjectStart = output.count }
            output += body
            output += Array("\nendobj\n".utf8)
        }
        var trailer = PDFDictionary()
        trailer["Root"] = .reference(rootReference)
        if let info = document.trailer["Info"] { trailer["Info"] = info }
        if let identifier = document.trailer["ID"] { trailer["ID"] = identifier }
        trailer["Prev"] = .integer(document.startXRef)
        let xrefOffset = output.count
        if document.usesXRefStream {
            let streamNumber = next
            next += 1
            offsets.append((PDFReference(number: streamNumber, generation: 0), xrefOffset))
            offsets.sort { $0.0.number < $1.0.number }
            var data: [UInt8] = []
            var index: [PDFObject] = []
            for (reference, offset) in offsets {
                index += [.integer(reference.number), .integer(1)]
                data.append(1)
                data += (0..<4).reversed().map { UInt8(truncatingIfNeeded: offset >> ($0 * 8)) }
                data += [UInt8(truncatingIfNeeded: reference.generation >> 8), UInt8(truncatingIfNeeded: reference.generation)]
            }
            trailer["Type"] = .name("XRef")
            trailer["Size"] = .integer(next)
            trailer["W"] = .array([.integer(1), .integer(4), .integer(2)])
            trailer["Index"] = .array(index)
            trailer["Length"] = .integer(data.count)
            guard output.count < Int(UInt32.max) else {
                throw SignatureError(.unsupportedPDF, "the PDF is too large for a 4-byte cross-reference stream offset")
            }
            output += Array("\(streamNumber) 0 obj\n".utf8) + Self.serialize(.dictionary(trailer))
            output += Array("\nstream\n".utf8) + data + Array("\nendstream\nendobj\n".utf8)
        } else {
            trailer["Size"] = .integer(next)
            output += Array("xref\n".utf8)
            for (reference, offset) in offsets {
                let line = "\(reference.number) 1\n" + Self.padded(offset, 10) + " " + Self.padded(reference.generation, 5) + " n\r\n"
                output += Array(line.utf8)
            }
            output += Array("trailer\n".utf8) + Self.serialize(.dictionary(trailer)) + Array("\n".utf8)
        }
        output += Array("startxref\n\(xrefOffset)\n%%EOF\n".utf8)

        let holeStart = signatureObjectStart + contentsOffset
        let holeEnd = holeStart + reservedSize * 2 + 2
        let byteRange = "[0 \(holeStart) \(holeEnd) \(output.count - holeEnd)]"
        guard byteRange.utf8.count <= byteRangeWidth else {
            throw SignatureError(.unsupportedPDF, "the PDF is too large for the ByteRange placeholder")
        }
        let rangeStart = signatureObjectStart + byteRangeOffset
        output.replaceSubrange(rangeStart..<(rangeStart + byteRange.utf8.count), with: Array(byteRange.utf8))
        preparedBytes = output
        hole = holeStart..<holeEnd
        self.algorithm = algorithm
        originalLength = pdf.count
        signatureObjectNumber = signatureNumber
    }

    /// The digest of everything but the hole: what the CMS's message-digest attribute holds.
    public var contentDigest: [UInt8] {
        algorithm.hash(preparedBytes[..<hole.lowerBound] + preparedBytes[hole.upperBound...])
    }

    /// The signed PDF: the CMS, in hexadecimal, written into the hole (the rest zero-padded).
    ///
    /// - Throws: ``SignatureError/Code/invalidArgument`` when the CMS does not fit the reserved room.
    public func complete(cms: [UInt8]) throws(SignatureError) -> [UInt8] {
        let hex = Array(PDFObject.hex(cms).utf8)
        guard hex.count <= hole.count - 2 else {
            throw SignatureError(.invalidArgument, "the CMS (\(cms.count) bytes) does not fit the reserved \((hole.count - 2) / 2) bytes")
        }
        var output = preparedBytes
        output.replaceSubrange((hole.lowerBound + 1)..<(hole.lowerBound + 1 + hex.count), with: hex)
        return output
    }

    static func serialize(_ object: PDFObject) -> [UInt8] {
        var output: [UInt8] = []
        object.serialized(into: &output)
        return output
    }

    static func padded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// `D:YYYYMMDDHHmmSSZ` (UTC).
    static func pdfDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return "D:" + padded(parts.year ?? 0, 4) + padded(parts.month ?? 0, 2) + padded(parts.day ?? 0, 2)
            + padded(parts.hour ?? 0, 2) + padded(parts.minute ?? 0, 2) + padded(parts.second ?? 0, 2) + "Z"
    }
}
