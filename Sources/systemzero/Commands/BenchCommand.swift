import ArgumentParser
import Foundation
import SystemZeroCore
import SystemZeroLedger

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measures the hot paths (build with -c release for figures worth quoting).")

    @Option(help: "Timed iterations per benchmark.") var iterations = 2_000
    @Option(help: "Nodes in the synthetic screen.") var nodes = 500
    @Option(help: "For the core suite: a capture file (any format) to measure instead of the synthetic screen.") var file: String?
    @Option(help: "Which benchmarks: core, matcher, ledger or all.") var suite = "core"
    @Option(help: "For the ledger suite: an existing data folder to measure proofs on (made with `ledger stress`).") var data: String?

    func run() async throws {
        if suite == "core" || suite == "all" { try core() }
        if suite == "matcher" || suite == "all" { try await matcher() }
        if suite == "ledger" || suite == "all" { try await ledger() }
    }

    func core() throws {
        let runner = BenchmarkRunner(warmup: iterations / 10, iterations: iterations)
        let importer = CaptureImporter()
        let fileBytes = try file.map { try CaptureImporter.readFile(atPath: $0, limit: importer.limits.maxBytes) }
        let capture = try fileBytes.map { try importer.importCapture($0, file: file) } ?? SyntheticScreen.capture(nodes: nodes)
        // A native file is measured as it is written; anything else as the sorted native JSON of its capture.
        let native =
            fileBytes.flatMap { CaptureFormat.detect($0) == .native ? $0 : nil } ?? JSONWriter().bytes(NativeCaptureCodec.encode(capture))
        let normalizer = Normalizer()
        let count = normalizer.normalize(capture).count
        print("\(file ?? "synthetic screen"): \(count) nodes after normalization, \(native.count) bytes of native JSON")
        var results: [BenchmarkRunner.Result] = []
        results.append(
            try runner.measure("import + normalize + fingerprint (native JSON)") {
                _ = try importer.importTree(native, format: .native, normalizer: normalizer)
            })
        results.append(try runner.measure("  import alone, to a Capture") { _ = try importer.importCapture(native, format: .native) })
        results.append(runner.measure("  normalize + fingerprint a Capture") { _ = normalizer.normalize(capture) })
        let flat = normalizer.normalize(capture).nodes
        results.append(
            runner.measure("  both signatures (SHA-256 of the encodings)") {
                _ = (TreeFingerprint.structureSignature(flat), TreeFingerprint.contentSignature(flat, masked: []))
            })
        results.append(try runner.measure("  general JSON parse (errors' path)") { _ = try JSONParser().parse(native) })
        let xml = SyntheticScreen.uiautomatorXML(nodes: nodes)
        results.append(
            try runner.measure("import uiautomator XML (the synthetic screen)") {
                _ = try importer.importCapture(xml, format: .uiautomator)
            })
        if let fileBytes, let format = CaptureFormat.detect(fileBytes), format != .native {
            results.append(
                try runner.measure("import the file as \(format.rawValue)") { _ = try importer.importCapture(fileBytes, format: format) })
        }
        let before = normalizer.normalize(capture)
        let after = normalizer.normalize(SyntheticScreen.capture(nodes: nodes, variant: 1))
        results.append(runner.measure("diff two trees") { _ = TreeDiff(before: before, after: after) })
        for result in results { print(result.line) }
    }

    func matcher() async throws {
        let runner = BenchmarkRunner(warmup: iterations / 10, iterations: iterations)
        let all = SyntheticLibrary.templates(10_000)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sz-bench-templates-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for template in all {
            try Data(TemplateWriter.yaml(template).utf8).write(to: URL(fileURLWithPath: "\(folder)/\(template.screenID).yaml"))
        }
        let one = "\(folder)/\(all[0].screenID).yaml"
        let oneBytes = Array(try Data(contentsOf: URL(fileURLWithPath: one)))
        let loader = TemplateLoader()
        print(try runner.measure("  load one template file") { _ = try loader.load(path: one) }.line)
        print(try runner.measure("  of which: compose YAML") { _ = try SafeYAML.compose(oneBytes, limits: loader.limits) }.line)
        let clock = ContinuousClock()
        var start = clock.now
        let loaded = try TemplateLibrary.load(directory: folder, indexCache: false)
        print("load and index \(loaded.templates.count) template files, YAML only: \(clock.now - start)")
        start = clock.now
        _ = try TemplateLibrary.load(directory: folder)
        print("load and index \(loaded.templates.count) template files, making the index cache: \(clock.now - start)")
        // Files changed in the last second are left out of the cache; by now all of them have settled.
        try await Task.sleep(for: .seconds(1.1))
        _ = try TemplateLibrary.load(directory: folder)
        start = clock.now
        _ = try TemplateLibrary.load(directory: folder)
        print("load and index \(loaded.templates.count) template files, with the index cache: \(clock.now - start)")
        let normalizer = Normalizer()
        var results: [BenchmarkRunner.Result] = []
        for count in [100, 1_000, 10_000] {
            let library = TemplateLibrary(templates: Array(all.prefix(count)))
            let matcher = TemplateMatcher(library: library)
            let trees = (0..<50).map { normalizer.normalize(SyntheticLibrary.capture(($0 * 7919) % count, variant: 1)) }
            var next = 0
            results.append(
                runner.measure("match one capture against \(count) templates") {
                    _ = matcher.match(trees[next % trees.count])
                    next += 1
                })
        }
        let pipeline = DriftPipeline(library: TemplateLibrary(templates: Array(all.prefix(1_000))))
        let captures = (0..<50).map { SyntheticLibrary.capture(($0 * 131) % 1_000, variant: 1) }
        var next = 0
        results.append(
            runner.measure("check one capture (normalize, match 1,000, detect, rules)") {
                var session = SessionState()
                _ = pipeline.process(captures[next % captures.count], session: &session)
                next += 1
            })
        for result in results { print(result.line) }
    }

    func ledger() async throws {
        let folder = data ?? FileManager.default.temporaryDirectory.appendingPathComponent("sz-bench-ledger-\(UUID().uuidString)").path
        let ledger = try Ledger(directory: folder)
        defer { if data == nil { try? FileManager.default.removeItem(atPath: folder) } }
        let pipeline = DriftPipeline(library: TemplateLibrary(templates: SyntheticLibrary.templates(100)))
        // Whole pipeline per capture with the ledger append, 500-node screens, 64 concurrent agents.
        let screens = (0..<16).map { SyntheticScreen.capture(nodes: nodes, variant: $0) }
        let total = 4_000
        let clock = ContinuousClock()
        let start = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for agent in 0..<64 {
                group.addTask {
                    var session = SessionState(id: "agent-\(agent)")
                    for index in 0..<(total / 64) {
                        let result = pipeline.process(screens[(agent + index) % screens.count], session: &session)
                        _ = try await ledger.record(result)
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("whole pipeline + durable ledger append, \(nodes)-node screens, 64 agents: \(Int(Double(total) / seconds)) captures/s")
        let size = try await ledger.store.size()
        let runner = BenchmarkRunner(warmup: 50, iterations: min(iterations, 2_000))
        var generator = SystemRandomNumberGenerator()
        let store = ledger.store
        var results: [BenchmarkRunner.Result] = []
        results.append(
            try await runner.measureAsync("inclusion proof at \(size) entries") {
                _ = try await store.inclusionProof(seq: UInt64.random(in: 0..<size, using: &generator), treeSize: size)
            })
        results.append(
            try await runner.measureAsync("consistency proof at \(size) entries") {
                _ = try await store.consistencyProof(from: UInt64.random(in: 1..<size, using: &generator), to: size)
            })
        for result in results { print(result.line) }
    }
}
