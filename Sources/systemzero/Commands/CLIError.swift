import ArgumentParser
import Foundation
import SystemZeroCore
import SystemZeroGallery

/// Writes `message` to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
}

/// Writes text to standard output without a trailing newline of its own.
func write(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// Runs `body`; an input error is printed to standard error and ends the command with exit code 2.
func withInputErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ImportError {
        printError("error: \(error)")
        throw ExitCode(2)
    }
}

/// The template gallery compiled into the binary.
func loadBundledGallery() throws -> TemplateLibrary {
    do {
        return try EmbeddedGallery.templates()
    } catch {
        printError("error: the bundled gallery does not load: \(error)")
        throw ExitCode(2)
    }
}

/// The folder given, else `./templates` when there is one, else the bundled gallery.
func loadTemplateLibrary(folder: String?) throws -> TemplateLibrary {
    if let folder { return try loadTemplateLibrary(folder) }
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: "templates", isDirectory: &isFolder), isFolder.boolValue {
        return try loadTemplateLibrary("templates")
    }
    return try loadBundledGallery()
}

/// Loads the template folder; an error is printed and ends the command with exit code 2.
func loadTemplateLibrary(_ directory: String) throws -> TemplateLibrary {
    do {
        return try TemplateLibrary.load(directory: directory)
    } catch {
        printError("error: \(error)")
        throw ExitCode(2)
    }
}

/// Options shared by the commands that read captures.
struct CaptureInputOptions: ParsableArguments {
    @Option(
        help:
            "The capture format: native, uiautomator (dumps and Appium Android), xcuitest, chrome-ax or aria. Detected from the content when left out."
    )
    var format: CaptureFormat?

    @Option(help: "The largest input accepted, in bytes.")
    var maxBytes: Int = ImportLimits.default.maxBytes

    @Option(help: "The deepest nesting accepted.")
    var maxDepth: Int = ImportLimits.default.maxDepth

    @Option(help: "The most nodes a capture may have.")
    var maxNodes: Int = ImportLimits.default.maxNodes

    var importer: CaptureImporter {
        CaptureImporter(limits: ImportLimits(maxBytes: maxBytes, maxDepth: maxDepth, maxNodes: maxNodes))
    }

    func load(_ path: String) throws -> Capture {
        try withInputErrors { try importer.importFile(atPath: path, format: format) }
    }
}

extension CaptureFormat: ExpressibleByArgument {}
