import Foundation
import MynaCard
import MynaSignature
import MynaSimulator
import Testing

@Suite struct PDFSignatureTests {
    static let tools = SignatureTestSupport.hasTool("qpdf") && SignatureTestSupport.hasTool("pdfsig")

    static func sign(_ pdf: [UInt8], card: MyNumberCard, key: JPKIKey = .signature) async throws -> SignedPDF {
        let passcode = key == .signature ? try SignatureTestSupport.password() : try SignatureTestSupport.pinCode()
        return try await card.jpki.signPDF(
            pdf, key: key, passcode: passcode, signingTime: SignatureTestSupport.signingTime)
    }

    @Test func aMinimalPDFIsSignedByIncrementalUpdate() async throws {
        let (card, _) = try SignatureTestSupport.card()
        let original = SignatureTestSupport.minimalPDF()
        let signed = try await Self.sign(original, card: card)
        #expect(Array(signed.bytes.prefix(original.count)) == original)
        #expect(signed.originalLength == original.count)
        let verifier = try await SignatureTestSupport.verifier(card)
        let result = try await verifier.verifyPDF(signed.bytes)
        let signature = try #require(result.signatures.first)
        #expect(result.signatures.count == 1)
        #expect(signature.coversWholeFile)
        #expect(signature.fieldName == "Signature1")
        #expect(signature.subFilter == "adbe.pkcs7.detached")
        #expect(signature.byteRange[0] == 0 && signature.byteRange[2] + signature.byteRange[3] == signed.bytes.count)
        #expect(signature.verification.key == .signature)
        #expect(signature.verification.isCAdES)
        #expect(result.checks.contains(.byteRange) && result.checks.contains(.everySignature))
        #expect(!result.revocationChecked)
    }

    @Test(.enabled(if: tools)) func anXRefStreamPDFIsSigned() async throws {
        let (card, _) = try SignatureTestSupport.card()
        let original = try SignatureTestSupport.xrefStreamPDF()
        #expect(String(decoding: original, as: UTF8.self).contains("/ObjStm"))
        let signed = try await Self.sign(original, card: card)
        #expect(Array(signed.bytes.prefix(original.count)) == original)
        #expect(String(decoding: signed.bytes.suffix(from: original.count), as: UTF8.self).contains("/Type /XRef"))
        let verifier = try await SignatureTestSupport.verifier(card)
        #expect(try await verifier.verifyPDF(signed.bytes).signatures.count == 1)
        try Self.externalToolsAccept(signed.bytes, signatures: 1)
    }

    @Test(.enabled(if: tools)) func pdfsigAndQpdfAcceptTheSignedPDF() async throws {
        let (card, _) = try SignatureTestSupport.card()
        let signed = try await Self.sign(SignatureTestSupport.minimalPDF(), card: card)
        try Self.externalToolsAccept(signed.bytes, signatures: 1)
    }

    @Test func aPAdESSignatureKeepsTheTimeInM() async throws {
        let (card, _) = try SignatureTestSupport.card()
        let signed = try await card.jpki.signPDF(
            SignatureTestSupport.minimalPDF(), passcode: try SignatureTestSupport.password(),
            signingTime: SignatureTestSupport.signingTime, subFilter: .etsiCAdESDetached)
        #expect(String(decoding: signed.bytes, as: UTF8.self).contains("/SubFilter /ETSI.CAdES.detached"))
        let verifier = try await SignatureTestSupport.verifier(card)
        let result = try #require(try await verifier.verifyPDF(signed.bytes).signatures.first)
        #expect(result.subFilter == "ETSI.CAdES.detached")
        #expect(result.verification.isCAdES)
        // No signing-time attribute (PAdES B-B): the time comes from /M.
        #expect(CMSSignatureTests.find([0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x05], in: signed.cms.derEncoded) == nil)
        #expect(result.verification.signingTime == SignatureTestSupport.signingTime)
        if Self.tools { try Self.externalToolsAccept(signed.bytes, signatures: 1) }
    }

    @Test func anIndirectAcroFormIsUpdatedInPlace() async throws {
        let (card, _) = try SignatureTestSupport.card()
        let original = SignatureTestSupport.minimalPDF(indirectForm: true)
        let signed = try await Self.sign(original, card: card)
        let update = String(decoding: signed.bytes.suffix(from: original.count), as: UTF8.self)
        // The form (object 6) and the page (object 3) get new versions; the catalog is left alone.
        #expect(update.contains("6 0 obj") && update.contains("3 0 obj") && !update.contains("\n1 0 obj"))
        #expect(update.contains("/DA"))
        let verifier = try await SignatureTestSupport.verifier(card)
        #expect(try await verifier.verifyPDF(signed.bytes).signatures.count == 1)
        if Self.tools { try Self.externalToolsAccept(signed.bytes, signatures: 1) }
    }

    @Test func aSecondSignatureKeepsTheFirstValid() async throws {
        let (card, _) = try SignatureTestSupport.card()
        let first = try await Self.sign(SignatureTestSupport.minimalPDF(), card: card)
        let second = try await Self.sign(first.bytes, card: card, key: .userAuthentication)
        #expect(Array(second.bytes.prefix(first.bytes.count)) == first.bytes)
        let verifier = try await SignatureTestSupport.verifier(card)
        let result = try await verifier.verifyPDF(second.bytes)
        #expect(result.signatures.count == 2)
        #expect(result.signatures.map(\.coversWholeFile) == [false, true])
        #expect(result.signatures.map(\.verification.key) == [.signature, .userAuthentication])
        #expect(Set(result.signatures.map(\.fieldName)) == ["Signature1", "Signature2"])
        if Self.tools { try Self.externalToolsAccept(second.bytes, signatures: 2) }
    }

    @Test func aByteChangedOutsideTheHoleIsRejected() async throws {
        let (card, _) = try SignatureTestSupport.card()
        let signed = try await Self.sign(SignatureTestSupport.minimalPDF(text: "Pay 100 yen"), card: card)
        let verifier = try await SignatureTestSupport.verifier(card)
        var bytes = signed.bytes
        let at = try #require(CMSSignatureTests.find(Array("100".utf8), in: bytes))
        bytes[at] = UInt8(ascii: "9")
        let error = await signatureError { try await verifier.verifyPDF(bytes) }
        #expect(error?.code == .contentMismatch)
        if Self.tools {
            let directory = try SignatureTestSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let url = directory.appending(path: "tampered.pdf")
            try SignatureTestSupport.write(bytes, url)
            let result = try SignatureTestSupport.run(["pdfsig", url.path(percentEncoded: false)])
            #expect(!result.output.contains("Signature is Valid"), "\(result.output)")
        }
    }

    @Test func bytesAppendedAfterTheSignatureAreRejected() async throws {
        let (card, _) = try SignatureTestSupport.card()
        let signed = try await Self.sign(SignatureTestSupport.minimalPDF(), card: card)
        let verifier = try await SignatureTestSupport.verifier(card)
        let error = await signatureError { try await verifier.verifyPDF(signed.bytes + Array("% appended\n".utf8)) }
        #expect(error?.code == .contentMismatch)
    }

    @Test func aChangedSignatureValueIsRejected() async throws {
        let (card, _) = try SignatureTestSupport.card()
        let signed = try await Self.sign(SignatureTestSupport.minimalPDF(), card: card)
        let verifier = try await SignatureTestSupport.verifier(card)
        // The last bytes of the CMS are the RSA signature; change one hex digit of it.
        let text = signed.bytes
        let hole = try #require(CMSSignatureTests.find(Array("/Contents <".utf8), in: text))
        let start = hole + "/Contents <".utf8.count
        let end = try #require(text[start...].firstIndex(of: UInt8(ascii: ">")))
        let lastNonZero = try #require(text[start..<end].lastIndex { $0 != UInt8(ascii: "0") })
        var bytes = signed.bytes
        bytes[lastNonZero - 4] = bytes[lastNonZero - 4] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let error = await signatureError { try await verifier.verifyPDF(bytes) }
        #expect(error?.code == .signatureInvalid)
    }

    @Test func aSignatureDictionaryNoFieldNamesIsVerifiedToo() async throws {
        // An orphan signature dictionary whose ByteRange is not its own /Contents: signing works (the new
        // signature is fine), but the file holds a signature that does not verify.
        let orphan = "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange [0 10 20 30] /Contents <3000> >>"
        let (card, _) = try SignatureTestSupport.card()
        let signed = try await Self.sign(SignatureTestSupport.minimalPDF(extraObjects: [orphan]), card: card)
        let verifier = try await SignatureTestSupport.verifier(card)
        let error = await signatureError { try await verifier.verifyPDF(signed.bytes) }
        #expect(error?.code == .contentMismatch)
        #expect(error?.reason.contains("named by no field") == true)
    }

    @Test func aPDFWithoutSignaturesHasNone() async throws {
        let (card, _) = try SignatureTestSupport.card()
        let verifier = try await SignatureTestSupport.verifier(card)
        let error = await signatureError { try await verifier.verifyPDF(SignatureTestSupport.minimalPDF()) }
        #expect(error?.code == .noSignature)
    }

    @Test(.enabled(if: tools)) func anEncryptedPDFIsRefusedBeforeTheCardIsUsed() async throws {
        let directory = try SignatureTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appending(path: "in.pdf")
        let output = directory.appending(path: "encrypted.pdf")
        try SignatureTestSupport.write(SignatureTestSupport.minimalPDF(), input)
        let result = try SignatureTestSupport.run([
            "qpdf", "--encrypt", "user", "owner", "256", "--", input.path(percentEncoded: false), output.path(percentEncoded: false),
        ])
        #expect(result.status == 0, "\(result.output)")
        let (card, simulator) = try SignatureTestSupport.card()
        let before = simulator.answeredCommandCount
        let error = await signatureError {
            try await Self.sign([UInt8](try Data(contentsOf: output)), card: card)
        }
        #expect(error?.code == .unsupportedPDF)
        #expect(simulator.answeredCommandCount == before)
    }

    @Test func malformedPDFsAreRefusedBeforeTheCardIsUsed() async throws {
        let original = SignatureTestSupport.minimalPDF()
        let xref = try #require(CMSSignatureTests.find(Array("xref\n0 6".utf8), in: original))
        var brokenXRef = original
        brokenXRef[xref + 7] = UInt8(ascii: "X")
        var wrongOffset = original
        let entry = try #require(CMSSignatureTests.find(Array("00000 n".utf8), in: original))
        wrongOffset[entry - 3] = UInt8(ascii: "7")
        let cases: [[UInt8]] = [
            [], Array("not a pdf".utf8), Array(original.prefix(original.count / 2)), brokenXRef, wrongOffset,
            Array(original.dropLast(30)),
        ]
        let (card, simulator) = try SignatureTestSupport.card()
        for bytes in cases {
            let before = simulator.answeredCommandCount
            let error = await signatureError { try await Self.sign(bytes, card: card) }
            #expect(error?.code == .malformedPDF)
            #expect(simulator.answeredCommandCount == before)
        }
    }

    /// Deterministic mutations of a signed PDF: every one is verified or refused with a typed error, never a
    /// crash.
    @Test(arguments: [false, true])
    func mutatedPDFsNeverCrashTheVerifier(_ xrefStream: Bool) async throws {
        guard !xrefStream || Self.tools else { return }
        let (card, _) = try SignatureTestSupport.card()
        let original = xrefStream ? try SignatureTestSupport.xrefStreamPDF() : SignatureTestSupport.minimalPDF()
        let signed = try await Self.sign(original, card: card)
        let verifier = try await SignatureTestSupport.verifier(card)
        var generator = SplitMix64(seed: 0x4D59_4E41)
        var accepted = 0
        var codes: Set<SignatureError.Code> = []
        for _ in 0..<200 {
            var bytes = signed.bytes
            let count = Int(generator.next() % 4) + 1
            for _ in 0..<count {
                let index = Int(generator.next() % UInt64(bytes.count))
                bytes[index] = UInt8(truncatingIfNeeded: generator.next())
            }
            // verifyPDF throws only SignatureError (typed throws): a crash is the only other way out.
            do {
                _ = try await verifier.verifyPDF(bytes)
                accepted += 1
            } catch {
                codes.insert(error.code)
            }
        }
        // A change anywhere but in the zero padding of the hole must be caught.
        #expect(accepted < 200)
        #expect(codes.count >= 2)
    }

    /// Deterministic mutations of unsigned originals: preparing each either works (and the prepared file
    /// starts with the original bytes) or gives a typed error — never a crash, never a damaged output.
    @Test(arguments: [false, true])
    func mutatedOriginalsNeverCrashTheSigner(_ xrefStream: Bool) throws {
        guard !xrefStream || Self.tools else { return }
        let original = xrefStream ? try SignatureTestSupport.xrefStreamPDF() : SignatureTestSupport.minimalPDF()
        var generator = SplitMix64(seed: xrefStream ? 0x5846 : 0x434C)
        var prepared = 0
        var codes: Set<SignatureError.Code> = []
        for _ in 0..<300 {
            var bytes = original
            for _ in 0..<(Int(generator.next() % 3) + 1) {
                let index = Int(generator.next() % UInt64(bytes.count))
                bytes[index] = UInt8(truncatingIfNeeded: generator.next())
            }
            do {
                let preparation = try PDFSignaturePreparation(pdf: bytes, reservedSize: 64)
                #expect(Array(preparation.preparedBytes.prefix(bytes.count)) == bytes)
                prepared += 1
            } catch {
                codes.insert(error.code)
            }
        }
        #expect(prepared > 0 && !codes.isEmpty)
    }

    static func externalToolsAccept(_ bytes: [UInt8], signatures: Int) throws {
        let directory = try SignatureTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appending(path: "signed.pdf")
        try SignatureTestSupport.write(bytes, url)
        let check = try SignatureTestSupport.run(["qpdf", "--check", url.path(percentEncoded: false)])
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output.contains("No syntax or stream encoding errors"), "\(check.output)")
        let pdfsig = try SignatureTestSupport.run(["pdfsig", url.path(percentEncoded: false)])
        let valid = pdfsig.output.components(separatedBy: "Signature Validation: Signature is Valid.").count - 1
        #expect(valid == signatures, "\(pdfsig.output)")
        #expect(pdfsig.output.contains("Total document signed"), "\(pdfsig.output)")
    }
}

/// A small deterministic generator for the mutation test.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
