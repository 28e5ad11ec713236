import Foundation
import MynaCard

/// Finds and checks every signature of a PDF: each signature field's dictionary, its ByteRange and the CMS
/// over the bytes it names.
enum PDFSignatureVerifier {
    /// One signature found, its CMS checked structurally (not yet its chain).
    struct Found {
        var fieldName: String
        var byteRange: [Int]
        var coversWholeFile: Bool
        var signers: [CMSSignatureVerifier.Signer]
        var subFilter: String
        var modificationTime: Date?
    }

    static let maximumFields = 4096
    /// The most objects scanned for signature dictionaries no field names.
    static let maximumObjects = 1 << 20

    /// Checks every signature of the file, or only the one in object `only` (how the signer checks the
    /// signature it just added, whatever earlier ones hold).
    static func verifyStructure(_ bytes: [UInt8], only: Int? = nil) throws(SignatureError) -> [Found] {
        var document = try PDFDocument(bytes)
        guard document.trailer["Encrypt"] == nil else {
            throw SignatureError(.unsupportedPDF, "the PDF is encrypted")
        }
        guard let root = document.trailer["Root"]?.reference, let catalog = try document.object(root)?.object.dictionary,
            let acroForm = try document.resolve(catalog["AcroForm"])?.dictionary,
            let topFields = try document.resolve(acroForm["Fields"])?.array
        else { throw SignatureError(.noSignature, "the PDF has no form fields, so no signature") }

        // Walk the field tree (bounded), collecting signature fields with a value.
        var pending: [(PDFObject, String)] = topFields.map { ($0, "") }
        var seen: Set<Int> = []
        var verified: Set<Int> = []
        var found: [Found] = []
        var visited = 0
        while case let (item, parentName)? = pending.popLast() {
            visited += 1
            guard visited <= maximumFields else { throw SignatureError(.unsupportedPDF, "the PDF has too many form fields") }
            if let reference = item.reference {
                guard seen.insert(reference.number).inserted else { continue }
            }
            guard let field = try document.resolve(item)?.dictionary else { continue }
            let partial = field["T"]?.string.map { String(decoding: $0, as: UTF8.self) } ?? ""
            let name = parentName.isEmpty ? partial : (partial.isEmpty ? parentName : "\(parentName).\(partial)")
            if let kids = try document.resolve(field["Kids"])?.array {
                pending += kids.map { ($0, name) }
            }
            guard field["FT"]?.name == "Sig", let value = field["V"] else { continue }
            guard let signatureReference = value.reference,
                case let (signatureObject, span)? = try document.object(signatureReference),
                let signature = signatureObject.dictionary
            else {
                throw SignatureError(.malformedPDF, "the signature field \(name) has no indirect signature dictionary")
            }
            verified.insert(signatureReference.number)
            if let only, only != signatureReference.number { continue }
            found.append(try check(signature, span: span, name: name, bytes: bytes))
        }
        // Signature dictionaries no field names are verified too (every one in the file's current objects).
        for number in try document.uncompressedObjectNumbers(limit: maximumObjects)
        where !verified.contains(number) && (only == nil || only == number) {
            let reference = PDFReference(number: number, generation: 0)
            guard let (object, span) = try? document.object(reference), let dictionary = object.dictionary,
                case .name("Sig")? = dictionary["Type"], dictionary["ByteRange"] != nil
            else { continue }
            found.append(try check(dictionary, span: span, name: "(object \(number), named by no field)", bytes: bytes))
        }
        guard !found.isEmpty else { throw SignatureError(.noSignature, "the PDF has no signed signature field") }
        found.sort { ($0.byteRange.last ?? 0) + ($0.byteRange.dropLast().last ?? 0) < ($1.byteRange.last ?? 0) + ($1.byteRange.dropLast().last ?? 0) }
        return found
    }

    private static func check(_ signature: PDFDictionary, span: Range<Int>?, name: String, bytes: [UInt8]) throws(SignatureError) -> Found {
        let subFilter = signature["SubFilter"]?.name ?? ""
        guard ["adbe.pkcs7.detached", "ETSI.CAdES.detached"].contains(subFilter) else {
            throw SignatureError(.unsupportedPDF, "the signature \(name) uses /SubFilter /\(subFilter), not a detached CMS")
        }
        guard let range = signature["ByteRange"]?.array?.compactMap(\.integer), range.count == 4,
            let contents = signature["Contents"]?.string
        else { throw SignatureError(.malformedPDF, "the signature \(name) has no /ByteRange of four integers or no /Contents") }
        let (start, firstLength, secondStart, secondLength) = (range[0], range[1], range[2], range[3])
        guard start == 0, firstLength > 0, secondStart > firstLength + 1, secondLength >= 0,
            secondStart <= bytes.count, secondLength <= bytes.count - secondStart
        else { throw SignatureError(.contentMismatch, "the signature \(name)'s ByteRange \(range) is not a range of this file") }
        // The hole must be exactly this dictionary's /Contents string: `<hex>` inside the object's span.
        guard let span, span.lowerBound < firstLength, secondStart < span.upperBound,
            bytes[firstLength] == UInt8(ascii: "<"), bytes[secondStart - 1] == UInt8(ascii: ">"),
            bytes[(firstLength + 1)..<(secondStart - 1)].allSatisfy({ PDFLexer.hexValue($0) != nil })
        else {
            throw SignatureError(
                .contentMismatch, "the signature \(name)'s ByteRange leaves out more than its own /Contents string")
        }
        let cms = try Self.trimmedDER(contents)
        let covered = Array(bytes[0..<firstLength]) + Array(bytes[secondStart..<(secondStart + secondLength)])
        let signers = try CMSSignatureVerifier.verifyStructure(cms, detachedContent: covered)
        let modificationTime = signature["M"]?.string.flatMap { Self.date(String(decoding: $0, as: UTF8.self)) }
        return Found(
            fieldName: name, byteRange: range, coversWholeFile: secondStart + secondLength == bytes.count,
            signers: signers, subFilter: subFilter, modificationTime: modificationTime)
    }

    /// The DER element at the start of `bytes` (the /Contents string is zero-padded after it).
    static func trimmedDER(_ bytes: [UInt8]) throws(SignatureError) -> [UInt8] {
        guard bytes.count >= 2, bytes[0] == 0x30 else { throw SignatureError(.malformedCMS, "the /Contents is not a DER SEQUENCE") }
        let first = Int(bytes[1])
        var length = first
        var header = 2
        if first & 0x80 != 0 {
            let count = first & 0x7F
            guard count >= 1, count <= 4, bytes.count >= 2 + count else {
                throw SignatureError(.malformedCMS, "the /Contents has a malformed DER length")
            }
            length = 0
            for byte in bytes[2..<(2 + count)] { length = length << 8 | Int(byte) }
            header += count
        }
        guard length <= bytes.count - header else { throw SignatureError(.malformedCMS, "the /Contents CMS is truncated") }
        let end = header + length
        guard bytes[end...].allSatisfy({ $0 == 0 }) else {
            throw SignatureError(.malformedCMS, "the /Contents holds bytes after the CMS other than zero padding")
        }
        return Array(bytes[..<end])
    }

    /// A PDF date `D:YYYYMMDDHHmmSS` with `Z` or `+HH'mm'` (ISO 32000-1 §7.9.4); `nil` when malformed.
    static func date(_ text: String) -> Date? {
        var digits = Substring(text)
        if digits.hasPrefix("D:") { digits = digits.dropFirst(2) }
        let numbers = digits.prefix(14)
        guard numbers.count >= 4, numbers.allSatisfy(\.isNumber) else { return nil }
        func part(_ offset: Int, _ length: Int, _ fallback: Int) -> Int {
            let start = numbers.index(numbers.startIndex, offsetBy: min(offset, numbers.count))
            let end = numbers.index(start, offsetBy: min(length, numbers.distance(from: start, to: numbers.endIndex)))
            return Int(numbers[start..<end]) ?? fallback
        }
        var offset = 0
        let rest = digits.dropFirst(numbers.count)
        if let sign = rest.first, sign == "+" || sign == "-" {
            let zone = rest.dropFirst().filter(\.isNumber)
            let hours = Int(zone.prefix(2)) ?? 0
            let minutes = Int(zone.dropFirst(2).prefix(2)) ?? 0
            offset = (hours * 3600 + minutes * 60) * (sign == "+" ? 1 : -1)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: offset) ?? calendar.timeZone
        return calendar.date(
            from: DateComponents(
                year: part(0, 4, 0), month: part(4, 2, 1), day: part(6, 2, 1), hour: part(8, 2, 0), minute: part(10, 2, 0),
                second: part(12, 2, 0)))
    }
}
