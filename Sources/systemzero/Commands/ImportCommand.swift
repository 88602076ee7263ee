import ArgumentParser
import SystemZeroCore

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Reads a capture in any supported format and prints it as native JSON.")

    @Argument(help: "The capture file.") var file: String
    @OptionGroup var input: CaptureInputOptions

    func run() throws {
        let capture = try input.load(file)
        write(JSONWriter(style: .pretty).string(NativeCaptureCodec.encode(capture)) + "\n")
    }
}

struct NormalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalize", abstract: "Prints the normalized tree of a capture with its classes and fingerprints.")

    @Argument(help: "The capture file.") var file: String
    @OptionGroup var input: CaptureInputOptions
    @Flag(help: "Print JSON instead of an outline.") var json = false

    func run() throws {
        let tree = Normalizer().normalize(try input.load(file))
        write(json ? JSONWriter(style: .pretty).string(tree.json) + "\n" : tree.outline)
    }
}

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", abstract: "Shows what changed between two captures, in any formats: added, removed, changed and moved nodes.")

    @Argument(help: "The earlier capture.") var before: String
    @Argument(help: "The later capture.") var after: String
    @OptionGroup var input: CaptureInputOptions
    @Flag(help: "Print the fixed JSON form.") var json = false

    func run() throws {
        let normalizer = Normalizer()
        let diff = TreeDiff(before: normalizer.normalize(try input.load(before)), after: normalizer.normalize(try input.load(after)))
        write(json ? JSONWriter(style: .pretty).string(diff.json) + "\n" : diff.report)
    }
}
