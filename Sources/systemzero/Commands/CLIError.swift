import ArgumentParser
import Foundation
import SystemZeroCore

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

/// Loads the template folder; an error is printed (with `hint`, if any) and ends the command with exit code 2.
func loadTemplateLibrary(_ directory: String, hint: String = "") throws -> TemplateLibrary {
    do {
        return try TemplateLibrary.load(directory: directory)
    } catch {
        printError("error: \(error)\(hint)")
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
