import ArgumentParser
import Foundation
import SystemZeroCore
import SystemZeroLedger

struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger", abstract: "Signed checkpoints and proofs for outside verifiers.",
        subcommands: [CheckpointCommand.self, ProveCommand.self, ConsistencyCommand.self, PubkeyCommand.self, StressCommand.self])

    struct CheckpointCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "checkpoint", abstract: "Signs and prints a checkpoint (C2SP signed note).")
        @OptionGroup var storage: DataOptions

        func run() async throws {
            let ledger = try storage.openExisting()
            write(try await withLedgerErrors { try await ledger.checkpoint() })
        }
    }

    struct ProveCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "prove", abstract: "Prints the inclusion proof of an entry.")
        @OptionGroup var storage: DataOptions
        @Option(help: "The entry's sequence number.") var seq: UInt64
        @Option(help: "The tree size (default: the whole log).") var size: UInt64?
        @Flag(help: "Print JSON with base64 hashes.") var json = false

        func run() async throws {
            let ledger = try storage.openExisting()
            let (entry, treeSize, proof, root) = try await withLedgerErrors {
                let whole = try await ledger.store.size()
                let treeSize = size ?? whole
                guard let entry = try await ledger.store.entry(seq) else { throw LedgerError(.notFound, "no entry \(seq)") }
                let proof = try await ledger.store.inclusionProof(seq: seq, treeSize: treeSize)
                return (entry, treeSize, proof, try await ledger.store.root(treeSize: treeSize))
            }
            let document: JSONValue = .object([
                ("seq", .number(Double(seq))), ("tree_size", .number(Double(treeSize))), ("leaf_hash", .string(entry.leafHash.base64)),
                ("root", .string(root.base64)), ("proof", .array(proof.map { .string($0.base64) })),
            ])
            if json {
                write(JSONWriter(style: .pretty).string(document) + "\n")
            } else {
                write("entry \(seq) in a tree of \(treeSize)\nleaf \(entry.leafHash.base64)\nroot \(root.base64)\n")
                for hash in proof { write("  \(hash.base64)\n") }
            }
        }
    }

    struct ConsistencyCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "consistency", abstract: "Prints the consistency proof between two tree sizes.")
        @OptionGroup var storage: DataOptions
        @Option(help: "The earlier tree size.") var from: UInt64
        @Option(help: "The later tree size (default: the whole log).") var to: UInt64?
        @Flag(help: "Print JSON with base64 hashes.") var json = false

        func run() async throws {
            let ledger = try storage.openExisting()
            let (size2, proof, root1, root2) = try await withLedgerErrors {
                let whole = try await ledger.store.size()
                let size2 = to ?? whole
                let proof = try await ledger.store.consistencyProof(from: from, to: size2)
                return (size2, proof, try await ledger.store.root(treeSize: from), try await ledger.store.root(treeSize: size2))
            }
            let document: JSONValue = .object([
                ("size1", .number(Double(from))), ("size2", .number(Double(size2))), ("root1", .string(root1.base64)),
                ("root2", .string(root2.base64)), ("proof", .array(proof.map { .string($0.base64) })),
            ])
            if json {
                write(JSONWriter(style: .pretty).string(document) + "\n")
            } else {
                write("\(from) → \(size2)\nroot1 \(root1.base64)\nroot2 \(root2.base64)\n")
                for hash in proof { write("  \(hash.base64)\n") }
            }
        }
    }

    struct PubkeyCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pubkey", abstract: "Prints the verifier key of the ledger's checkpoints.")
        @OptionGroup var storage: DataOptions

        func run() throws {
            write(try storage.openExisting().verifierKey + "\n")
        }
    }

    struct StressCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stress",
            abstract:
                "Appends synthetic entries from concurrent writers and reports durable throughput; with --print-acks, prints each acknowledged seq."
        )
        @OptionGroup var storage: DataOptions
        @Option(help: "Concurrent writers.") var writers = 64
        @Option(help: "Entries to append in all.") var count = 20_000
        @Flag(help: "Print each acknowledged sequence number as soon as its append returns.") var printAcks = false

        func run() async throws {
            let ledger = try storage.open()
            let perWriter = max(1, count / writers)
            let clock = ContinuousClock()
            let start = clock.now
            try await withLedgerErrors {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for writer in 0..<writers {
                        group.addTask {
                            for index in 0..<perWriter {
                                let record = LedgerRecord(
                                    kind: "capture",
                                    body: [("writer", .number(Double(writer))), ("index", .number(Double(index))), ("screen", "stress")],
                                    screen: "stress", session: "stress-\(writer)")
                                let seqs = try await ledger.store.append(LedgerBatch(records: [record]))
                                if printAcks { AckPrinter.print(seqs[0]) }
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            }
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            printError(
                "appended \(perWriter * writers) entries from \(writers) writers in \(String(format: "%.2f", seconds)) s: "
                    + "\(Int(Double(perWriter * writers) / seconds)) entries/s (durable, group commit)")
        }
    }
}

/// Writes acknowledged sequence numbers to standard output unbuffered, one a line.
enum AckPrinter {
    static func print(_ seq: UInt64) {
        let line = "\(seq)\n"
        line.withCString { pointer in _ = Foundation.write(1, pointer, strlen(pointer)) }
    }
}
