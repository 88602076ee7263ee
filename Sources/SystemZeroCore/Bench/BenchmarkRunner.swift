/// Times a piece of work over many iterations and reports percentiles. Used by `systemzero bench`.
public struct BenchmarkRunner: Sendable {
    /// The outcome of one benchmark.
    public struct Result: Sendable {
        public var name: String
        public var iterations: Int
        /// Durations in nanoseconds, sorted.
        public var samples: [Int64]
        /// Items processed per iteration (for throughput).
        public var itemsPerIteration: Int

        public func percentile(_ p: Double) -> Int64 {
            guard !samples.isEmpty else { return 0 }
            let rank = min(samples.count - 1, Int((p / 100 * Double(samples.count)).rounded(.up)) - 1)
            return samples[max(0, rank)]
        }

        public var median: Int64 { percentile(50) }

        /// Items a second at the median.
        public var throughput: Double {
            median == 0 ? 0 : Double(itemsPerIteration) * 1e9 / Double(median)
        }

        /// One line: name, p50, p99, throughput.
        public var line: String {
            func ms(_ ns: Int64) -> String { String(format3: Double(ns) / 1e6) + " ms" }
            return
                "\(name.padding(toLength: 52, withPad: " ", startingAt: 0)) p50 \(ms(median))  p99 \(ms(percentile(99)))  \(Int(throughput)) /s"
        }
    }

    public var warmup: Int
    public var iterations: Int

    public init(warmup: Int = 50, iterations: Int = 1_000) {
        self.warmup = warmup
        self.iterations = iterations
    }

    /// Runs `body` `warmup` times untimed, then `iterations` times timed.
    public func measure(_ name: String, items: Int = 1, _ body: () throws -> Void) rethrows -> Result {
        for _ in 0..<warmup { try body() }
        let clock = ContinuousClock()
        var samples: [Int64] = []
        samples.reserveCapacity(iterations)
        for _ in 0..<iterations {
            let start = clock.now
            try body()
            let elapsed = clock.now - start
            samples.append(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
        }
        samples.sort()
        return Result(name: name, iterations: iterations, samples: samples, itemsPerIteration: items)
    }
}

extension BenchmarkRunner {
    /// Like ``measure(_:items:_:)`` for asynchronous work.
    public func measureAsync(_ name: String, items: Int = 1, _ body: () async throws -> Void) async rethrows -> Result {
        for _ in 0..<warmup { try await body() }
        let clock = ContinuousClock()
        var samples: [Int64] = []
        samples.reserveCapacity(iterations)
        for _ in 0..<iterations {
            let start = clock.now
            try await body()
            let elapsed = clock.now - start
            samples.append(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
        }
        samples.sort()
        return Result(name: name, iterations: iterations, samples: samples, itemsPerIteration: items)
    }
}

extension String {
    /// A number with three decimals.
    init(format3 value: Double) {
        let scaled = Int((value * 1000).rounded())
        let fraction = String(abs(scaled) % 1000)
        self = "\(scaled / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}
