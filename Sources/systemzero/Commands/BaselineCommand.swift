import ArgumentParser
import Foundation
import SystemZeroCapture
import SystemZeroCore

struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline", abstract: "Builds and validates screen templates.", subcommands: [Validate.self, Build.self, History.self])

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Checks template files; every error names the file, the line and the field.")

        @Argument(help: "Template files or folders.") var paths: [String]

        func run() throws {
            var failed = false
            for path in paths {
                var isDirectory: ObjCBool = false
                let files: [String]
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                    files = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
                        .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.map { (path as NSString).appendingPathComponent($0) }
                } else {
                    files = [path]
                }
                for file in files {
                    do {
                        let template = try TemplateLoader().load(path: file)
                        write("ok  \(file): \(template.screenID) v\(template.version)\n")
                    } catch {
                        printError("error: \(error)")
                        failed = true
                    }
                }
            }
            if failed { throw ExitCode(2) }
        }
    }

    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Makes a template from captures of one screen, or templates from a recorded session.",
            discussion: """
                With --from-session DIR (a folder written by `systemzero record`), the captures are grouped by \
                structure: each group is one screen, and its template is written to the -o folder (default: templates) \
                as SCREEN_ID.yaml, SCREEN_ID_2.yaml, … where SCREEN_ID is --screen-id or the session's name.
                """)

        @Argument(help: "Captures of the same screen.") var captures: [String] = []
        @Option(name: .customLong("screen-id"), help: "The screen id.") var screenID: String?
        @Option(help: "The application.") var app: String?
        @Option(name: .shortAndLong, help: "Write the template here (a rebuild bumps the version); with --from-session, a folder.")
        var output: String?
        @Option(name: .customLong("from-session"), help: "Build one template for each screen of a recorded session.")
        var fromSession: String?
        @Flag(help: "Make a catch-all template: no required nodes, chosen only when no specific template matches.")
        var catchAll = false
        @OptionGroup var input: CaptureInputOptions

        func validate() throws {
            if fromSession != nil {
                guard captures.isEmpty else { throw ValidationError("give capture files or --from-session, not both") }
            } else {
                guard !captures.isEmpty else { throw ValidationError("give capture files, or --from-session DIR") }
                guard screenID != nil else { throw ValidationError("--screen-id is required with capture files") }
            }
        }

        func run() throws {
            guard let fromSession else {
                try build(captures, screenID: screenID ?? "", output: output)
                return
            }
            let recording: SessionRecording
            do {
                recording = try SessionRecording(reading: fromSession)
            } catch {
                printError("error: \(error)")
                throw ExitCode(2)
            }
            let folder = output ?? "templates"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let base = screenID ?? recording.session
            for (index, files) in recording.screens.enumerated() {
                let name = index == 0 ? base : "\(base)_\(index + 1)"
                try build(files, screenID: name, output: (folder as NSString).appendingPathComponent("\(name).yaml"))
            }
        }

        private func build(_ files: [String], screenID: String, output: String?) throws {
            var existing: Template?
            if let output, FileManager.default.fileExists(atPath: output) {
                do {
                    existing = try TemplateLoader().load(path: output)
                } catch {
                    printError("error: \(error)")
                    throw ExitCode(2)
                }
            }
            var template = TemplateBuilder().build(try files.map(input.load), screenID: screenID, app: app)
            if catchAll { template.required = [] }
            if let existing { template.keepPolicy(of: existing) }
            let yaml: String
            do throws(TemplateError) {
                yaml = try TemplateWriter.checkedYAML(template)
            } catch {
                printError("error: \(error)")
                throw ExitCode(2)
            }
            if let output {
                if let existing {
                    try TemplateHistory(templateFile: output).archive(existing: output, version: existing.version)
                }
                try Data(yaml.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
                printError(
                    "wrote \(output) (\(template.screenID) v\(template.version), \(template.required.count) required, \(template.masks.count) masks)"
                )
            } else {
                write(yaml)
            }
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lists the versions of a template, newest first.")

        @Argument(help: "The screen id.") var screenID: String
        @Option(help: "The template folder.") var templates = "templates"

        func run() throws {
            let file = (templates as NSString).appendingPathComponent("\(screenID).yaml")
            guard FileManager.default.fileExists(atPath: file) else {
                printError("error: no template \(file)")
                throw ExitCode(2)
            }
            var versions: [(String, Template)] = []
            do {
                versions.append((file, try TemplateLoader().load(path: file)))
                for path in TemplateHistory(templateFile: file).archivedFiles(screenID: screenID) {
                    versions.append((path, try TemplateLoader().load(path: path)))
                }
            } catch {
                printError("error: \(error)")
                throw ExitCode(2)
            }
            for (path, template) in versions.sorted(by: { $0.1.version > $1.1.version }) {
                write(
                    "v\(template.version)  \(template.structureSignature?.prefix(12) ?? "-")  \(template.required.count) required  \(path)\n"
                )
            }
        }
    }
}
