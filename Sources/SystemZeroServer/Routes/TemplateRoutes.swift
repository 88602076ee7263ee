import Foundation
import Hummingbird
import SystemZeroCore
import SystemZeroLedger

/// `GET /templates`, `GET /templates/{screen_id}`, `POST /templates`.
struct TemplateRoutes {
    let state: ServerState

    func list(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.readonly)
        return Response(
            status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: state.templateListing.value))
    }

    /// The body of `GET /templates` for a library.
    static func listing(_ library: TemplateLibrary) -> ByteBuffer {
        ByteBuffer(bytes: JSONWriter(style: .compact).bytes(["templates": .array(library.templates.map(summary))]))
    }

    func get(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.readonly)
        let screenID = try Self.screenID(context.parameters.require("screen_id"))
        guard let template = state.pipeline.value.matcher.library.template(screenID) else {
            throw Problem(.notFound, detail: "There is no template \(screenID).")
        }
        // The summary's count of required selectors gives way to the selectors themselves: one key, one meaning.
        var members = (Self.summary(template).objectValue ?? []).filter { $0.key != "required" }
        members.append(contentsOf: [
            ("required", .array(template.required.map { .string($0.description) })),
            ("forbidden", .array(template.forbidden.map { .string($0.description) })),
            ("masks", .array(template.masks.map { .string($0.description) })),
            ("valid_transitions", .array(template.validTransitions.map(JSONValue.string))),
            ("yaml", .string(TemplateWriter.yaml(template))),
        ])
        let file = template.file ?? Self.path(for: screenID, in: state.settings.value.templateDirectory)
        let history = TemplateHistory(templateFile: file).archivedFiles(screenID: screenID).compactMap { path -> JSONValue? in
            guard let old = try? TemplateLoader().load(path: path) else { return nil }
            return ["version": .number(Double(old.version)), "yaml": .string(TemplateWriter.yaml(old))]
        }
        members.append(("history", .array(history)))
        return Response.json(.object(members))
    }

    /// A YAML upload (`application/yaml`) or a build from captures (`application/json`:
    /// `{"screen_id": …, "app": …, "captures": [id, …]}`).
    func post(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.operator)
        let mediaType = request.headers[.contentType].map { $0.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).lowercased() }
        var request = request
        let body = Array(buffer: try await request.collectBody(upTo: context.maxUploadSize))
        let directory = state.settings.value.templateDirectory
        var template: Template
        let action: String
        switch mediaType {
        case "application/yaml", "text/yaml", "application/x-yaml":
            do {
                template = try TemplateLoader(limits: ImportLimits(maxBytes: context.maxUploadSize)).load(body, file: "upload")
            } catch {
                throw Problem(.unprocessableContent, detail: "The template is not valid: \(error)")
            }
            _ = try Self.screenID(template.screenID)
            action = "upload"
        case "application/json":
            template = try await build(from: body, limit: context.maxUploadSize)
            action = "build"
        default:
            throw Problem(.unsupportedMediaType, detail: "Send a template as application/yaml, or a build request as application/json.")
        }
        let path = Self.path(for: template.screenID, in: directory)
        let yaml = try state.templateChanges.withLock { _ throws(Problem) -> String in
            let previous = state.pipeline.value.matcher.library.template(template.screenID)
            if let previous {
                if action == "build" {
                    template.keepPolicy(of: previous)
                } else if template.version <= previous.version {
                    throw Problem(
                        .conflict, detail: "\(template.screenID) is at version \(previous.version); an upload must carry a higher version.")
                }
            }
            let yaml: String
            do throws(TemplateError) {
                yaml = try TemplateWriter.checkedYAML(template)
            } catch {
                throw Problem(.unprocessableContent, detail: "The template cannot be stored: \(error.message).")
            }
            do {
                if let previous, FileManager.default.fileExists(atPath: previous.file ?? path) {
                    try TemplateHistory(templateFile: previous.file ?? path).archive(
                        existing: previous.file ?? path, version: previous.version)
                }
                try SecureFile.writeAtomically(Array(yaml.utf8), to: previous?.file ?? path)
            } catch {
                throw Problem(.internalServerError, detail: "The template could not be written: \(error)")
            }
            template.file = previous?.file ?? path
            var templates = state.pipeline.value.matcher.library.templates.filter { $0.screenID != template.screenID }
            templates.append(template)
            state.install(TemplateLibrary(templates: templates))
            return yaml
        }
        let seq = try await state.append(LedgerRecorder.batch(template: template, yaml: yaml, action: action))[0]
        var summary = Self.summary(template).objectValue ?? []
        summary.append(("seq", .number(Double(seq))))
        var response = Response.json(.object(summary), status: .created)
        response.headers[.location] = "/templates/\(template.screenID)"
        return response
    }

    /// Builds a template from recorded captures.
    func build(from body: [UInt8], limit: Int) async throws -> Template {
        let json: JSONValue
        do {
            json = try JSONParser(limits: ImportLimits(maxBytes: limit)).parse(body)
        } catch {
            throw Problem(.badRequest, detail: "The build request is not JSON: \(error)")
        }
        guard let screenID = json["screen_id"]?.stringValue, let ids = json["captures"]?.arrayValue, !ids.isEmpty, ids.count <= 100 else {
            throw Problem(.unprocessableContent, detail: "A build request needs screen_id and captures: a list of 1 to 100 capture ids.")
        }
        _ = try Self.screenID(screenID)
        var captures: [Capture] = []
        for id in ids {
            guard let seq = id.integerValue(as: UInt64.self), seq <= QueryParameters.maximumSequenceNumber else {
                throw Problem(
                    .unprocessableContent, detail: "Capture ids are whole numbers from 0 to \(QueryParameters.maximumSequenceNumber).")
            }
            guard let entry = try await state.ledger.store.entry(seq), entry.json["kind"]?.stringValue == "capture",
                let hash = entry.json["tree"]?.stringValue, let blob = try await state.ledger.store.blob(hash)
            else {
                throw Problem(.unprocessableContent, detail: "There is no capture \(seq).")
            }
            do {
                captures.append(try CaptureImporter(limits: ImportLimits(maxBytes: 64 << 20)).importCapture(blob, format: .native))
            } catch {
                throw Problem(.internalServerError, detail: "Capture \(seq)'s tree cannot be read: \(error)")
            }
        }
        return TemplateBuilder().build(captures, screenID: screenID, app: json["app"]?.stringValue)
    }

    static func summary(_ template: Template) -> JSONValue {
        .object([
            ("screen_id", .string(template.screenID)), ("app", .optional(template.app)), ("version", .number(Double(template.version))),
            ("required", .number(Double(template.required.count))), ("catch_all", .bool(template.isCatchAll)),
            ("structure_signature", .optional(template.structureSignature)),
        ])
    }

    /// A screen id safe to use as a file name: letters, digits, `_`, `-` and `.`, not starting with a dot.
    static func screenID(_ text: String) throws(Problem) -> String {
        guard !text.isEmpty, text.utf8.count <= 128, !text.hasPrefix("."),
            text.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "_-.".unicodeScalars.contains($0)) })
        else {
            throw Problem(.badRequest, detail: "A screen id is 1 to 128 letters, digits, _, - or ., not starting with a dot.")
        }
        return text
    }

    static func path(for screenID: String, in directory: String) -> String {
        (directory as NSString).appendingPathComponent(screenID + ".yaml")
    }
}
