import ArgumentParser
import SystemZeroCore

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measures the hot paths (build with -c release for figures worth quoting).")

    @Option(help: "Timed iterations per benchmark.") var iterations = 2_000
    @Option(help: "Nodes in the synthetic screen.") var nodes = 500

    func run() throws {
        let runner = BenchmarkRunner(warmup: iterations / 10, iterations: iterations)
        let capture = SyntheticScreen.capture(nodes: nodes)
        let native = JSONWriter().bytes(NativeCaptureCodec.encode(capture))
        let normalizer = Normalizer()
        let importer = CaptureImporter()
        let count = normalizer.normalize(capture).count
        print("synthetic screen: \(count) nodes after normalization, \(native.count) bytes of native JSON")
        var results: [BenchmarkRunner.Result] = []
        results.append(
            try runner.measure("import + normalize + fingerprint (native JSON)") {
                _ = normalizer.normalize(try importer.importCapture(native, format: .native))
            })
        results.append(runner.measure("normalize + fingerprint (in memory)") { _ = normalizer.normalize(capture) })
        let before = normalizer.normalize(capture)
        let after = normalizer.normalize(SyntheticScreen.capture(nodes: nodes, variant: 1))
        results.append(runner.measure("diff two trees") { _ = TreeDiff(before: before, after: after) })
        for result in results { print(result.line) }
    }
}
