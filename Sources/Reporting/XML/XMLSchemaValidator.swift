import Foundation
internal import CLibXML2
import XMLKit

/// Checks an XML document against an XML Schema (XSD 1.0) with libxml2, and says where it is wrong.
///
/// Why: ramguard publishes XML (its report, JUnit results for CI) and promises that the output matches a
/// schema; tests and users need to prove that, with line numbers when it does not. The validator is general
/// (any document, any schema) so the same code checks the report against ``reportSchema`` and JUnit XML
/// against a JUnit XSD.
///
/// The document is untrusted: it is parsed like ``SafeXMLReader`` does (no network, no entity substitution,
/// size-bounded) and a document with a DOCTYPE is refused. The schema is trusted: libxml2 resolves its
/// `xs:include`/`xs:import` locations itself, so only pass schemas you ship. Errors are collected through
/// libxml2's per-context structured error callbacks (no global error handler), so concurrent validations
/// don't see each other's messages. Every libxml2 handle lives only inside one ``validate(document:schema:)`` call.
public struct XMLSchemaValidator: Sendable {
    /// 64 MiB: far above any report, still a bound on what an untrusted document can cost.
    public static let defaultMaxDocumentBytes = 64 << 20

    /// Documents longer than this are not parsed and yield one ``XMLValidationProblem/Kind/tooLarge`` problem.
    public var maxDocumentBytes: Int

    public init(maxDocumentBytes: Int = XMLSchemaValidator.defaultMaxDocumentBytes) {
        self.maxDocumentBytes = maxDocumentBytes
    }

    /// The XSD of ramguard's XML report (`Schemas/ramguard-report.xsd`, namespace `urn:ramguard:report:1`),
    /// shipped as a package resource so users and tests validate against exactly the published schema.
    /// Empty if the resource bundle is missing; ``validate(document:schema:)`` then throws
    /// ``XMLSchemaError/Kind/schemaUnavailable``.
    public static var reportSchema: [UInt8] { bundledReportSchema }

    private static let bundledReportSchema: [UInt8] = {
        guard let url = Bundle.module.url(forResource: "ramguard-report", withExtension: "xsd", subdirectory: "Schemas"),
              let data = try? Data(contentsOf: url)
        else { return [] }
        return [UInt8](data)
    }()

    /// Validates `document` against ``reportSchema``.
    public func validateReport(_ document: [UInt8]) throws(XMLSchemaError) -> [XMLValidationProblem] {
        try validate(document: document, schema: Self.reportSchema)
    }

    /// Validates `document` against the XSD in `schema`.
    ///
    /// - Returns: every problem found, in document order, each with a line number where libxml2 knows one;
    ///   empty means the document is well-formed, has no DOCTYPE and is valid. A document that is not
    ///   well-formed yields one ``XMLValidationProblem/Kind/notWellFormed`` problem.
    /// - Throws: ``XMLSchemaError`` when the *schema* cannot be used (empty, not XML, not a valid XSD) or
    ///   libxml2 fails internally — never because the document is bad.
    public func validate(document: [UInt8], schema: [UInt8]) throws(XMLSchemaError) -> [XMLValidationProblem] {
        guard !schema.isEmpty else {
            throw XMLSchemaError(
                kind: .schemaUnavailable,
                message: "The schema is empty. If this is the bundled report schema, the Reporting resource bundle (Schemas/ramguard-report.xsd) is missing from the installation."
            )
        }
        // The schema document is parsed safely too (a DOCTYPE in it is refused), so no entity is ever expanded.
        let parsedSchema = try LibXML2.withSafeDocument(schema, maxBytes: Int(Int32.max)) {
            (schemaDoc) throws(XMLSchemaError) -> [XMLValidationProblem] in
            try validate(document: document, schemaDoc: schemaDoc)
        }
        switch parsedSchema {
        case .success(let problems):
            return problems
        case .failure(let error):
            throw XMLSchemaError(
                kind: .invalidSchema,
                message: "The schema is not usable XML: \(error)",
                problems: [XMLValidationProblem(kind: .invalidSchema, message: error.message, line: error.line, column: error.column)]
            )
        }
    }

    /// Compiles the schema from its parsed document, then parses and validates the instance document.
    private func validate(document: [UInt8], schemaDoc: xmlDocPtr) throws(XMLSchemaError) -> [XMLValidationProblem] {
        guard let schemaParser = xmlSchemaNewDocParserCtxt(schemaDoc) else {
            throw XMLSchemaError(kind: .validatorFailure, message: "libxml2 could not create a schema parser context (out of memory?).")
        }
        let schemaProblems = ProblemCollector(kind: .invalidSchema)
        let schemaProblemsRef = Unmanaged.passRetained(schemaProblems)
        xmlSchemaSetParserStructuredErrors(schemaParser, collectProblem, schemaProblemsRef.toOpaque())
        let compiled = xmlSchemaParse(schemaParser)
        xmlSchemaFreeParserCtxt(schemaParser)
        schemaProblemsRef.release()
        guard let compiled else {
            let summary = schemaProblems.problems.first.map { " First problem: \($0)" } ?? ""
            throw XMLSchemaError(
                kind: .invalidSchema,
                message: "The schema is not a valid XML Schema (XSD 1.0); fix the schema, not the document.\(summary)",
                problems: schemaProblems.problems
            )
        }
        defer { xmlSchemaFree(compiled) }

        let parsedDocument = try LibXML2.withSafeDocument(document, maxBytes: maxDocumentBytes) {
            (doc) throws(XMLSchemaError) -> [XMLValidationProblem] in
            guard let validator = xmlSchemaNewValidCtxt(compiled) else {
                throw XMLSchemaError(kind: .validatorFailure, message: "libxml2 could not create a schema validation context (out of memory?).")
            }
            defer { xmlSchemaFreeValidCtxt(validator) }
            let collector = ProblemCollector(kind: .schemaViolation)
            let collectorRef = Unmanaged.passRetained(collector)
            defer { collectorRef.release() }
            xmlSchemaSetValidStructuredErrors(validator, collectProblem, collectorRef.toOpaque())
            let result = xmlSchemaValidateDoc(validator, doc)
            if result < 0 {
                throw XMLSchemaError(
                    kind: .validatorFailure,
                    message: "libxml2 failed internally while validating (code \(result)); the document could not be checked.",
                    problems: collector.problems
                )
            }
            if result > 0 && collector.problems.isEmpty {
                return [XMLValidationProblem(kind: .schemaViolation, message: "The document is not valid against the schema (libxml2 code \(result)).")]
            }
            return collector.problems
        }
        switch parsedDocument {
        case .success(let problems):
            return problems
        case .failure(let error):
            let kind: XMLValidationProblem.Kind
            switch error.kind {
            case .doctypeForbidden: kind = .doctypeForbidden
            case .tooLarge: kind = .tooLarge
            case .resourceUnavailable: throw XMLSchemaError(kind: .validatorFailure, message: error.message)
            default: kind = .notWellFormed
            }
            return [XMLValidationProblem(kind: kind, message: error.message, line: error.line, column: error.column)]
        }
    }
}

/// libxml2 structured error callback: `context` is an unretained ``ProblemCollector``. A plain function
/// (not a capturing closure) so it can be passed as a C function pointer.
private func collectProblem(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    guard let context, let error else { return }
    let collector = Unmanaged<ProblemCollector>.fromOpaque(context).takeUnretainedValue()
    collector.add(error.pointee)
}

/// Accumulates libxml2 errors during one validation; confined to the call that created it.
private final class ProblemCollector {
    let kind: XMLValidationProblem.Kind
    var problems: [XMLValidationProblem] = []

    init(kind: XMLValidationProblem.Kind) {
        self.kind = kind
    }

    func add(_ error: xmlError) {
        // Warnings do not make a document invalid; "no problems" must mean "valid".
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        problems.append(XMLValidationProblem(
            kind: kind,
            message: LibXML2.message(of: error, fallback: "libxml2 error \(error.code)"),
            line: error.line > 0 ? Int(error.line) : nil,
            column: error.int2 > 0 ? Int(error.int2) : nil
        ))
    }
}

/// One reason a document is not accepted by ``XMLSchemaValidator``.
public struct XMLValidationProblem: Sendable, Hashable, CustomStringConvertible {
    /// What sort of problem; new kinds may be added.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case notWellFormed, doctypeForbidden, tooLarge, schemaViolation, invalidSchema
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The document is not well-formed XML; validation did not run.
        public static let notWellFormed = Kind(.notWellFormed)
        /// The document has a DOCTYPE, which is refused; validation did not run.
        public static let doctypeForbidden = Kind(.doctypeForbidden)
        /// The document exceeds ``XMLSchemaValidator/maxDocumentBytes``; it was not parsed.
        public static let tooLarge = Kind(.tooLarge)
        /// The document is well-formed but breaks the schema.
        public static let schemaViolation = Kind(.schemaViolation)
        /// A problem in the schema itself (only inside ``XMLSchemaError/problems``).
        public static let invalidSchema = Kind(.invalidSchema)

        public var description: String { base.rawValue }
    }

    public var kind: Kind
    /// libxml2's message, e.g. "Element '{urn:ramguard:report:1}report', attribute 'decision': [facet 'enumeration'] …".
    public var message: String
    /// 1-based line in the document (or schema, for ``Kind/invalidSchema``), when known.
    public var line: Int?
    /// 1-based column, when known (libxml2 rarely knows it for schema violations).
    public var column: Int?

    public init(kind: Kind, message: String, line: Int? = nil, column: Int? = nil) {
        self.kind = kind
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String {
        switch (line, column) {
        case let (line?, column?): "line \(line), column \(column): \(message)"
        case let (line?, nil): "line \(line): \(message)"
        default: message
        }
    }
}

/// Why ``XMLSchemaValidator`` could not validate at all: the schema is unusable, or libxml2 failed.
/// A bad *document* is never an error; it yields ``XMLValidationProblem``s.
public struct XMLSchemaError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case schemaUnavailable, invalidSchema, validatorFailure
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// No schema bytes (for the bundled schema: the resource bundle is missing).
        public static let schemaUnavailable = Kind(.schemaUnavailable)
        /// The schema is not XML or not a valid XSD; ``XMLSchemaError/problems`` says where.
        public static let invalidSchema = Kind(.invalidSchema)
        /// libxml2 could not allocate a context or failed internally.
        public static let validatorFailure = Kind(.validatorFailure)

        public var description: String { base.rawValue }
    }

    public var kind: Kind
    public var message: String
    /// The individual problems libxml2 reported, with lines in the schema.
    public var problems: [XMLValidationProblem]

    public init(kind: Kind, message: String, problems: [XMLValidationProblem] = []) {
        self.kind = kind
        self.message = message
        self.problems = problems
    }

    public var description: String { "XMLSchemaError.\(kind): \(message)" }
}
