import Foundation
import GRDB

extension SQLiteLedgerStore {
    public func root(treeSize: UInt64) async throws(LedgerError) -> Hash32 {
        guard treeSize <= frontier.size else { throw LedgerError(.notFound, "the ledger has only \(frontier.size) entries") }
        if treeSize == frontier.size { return frontier.root }
        return try resolve(MerkleProof.rootPlan(treeSize: treeSize)).first ?? MerkleHash.emptyRoot
    }

    public func inclusionProof(seq: UInt64, treeSize: UInt64) async throws(LedgerError) -> [Hash32] {
        guard treeSize <= frontier.size else { throw LedgerError(.notFound, "the ledger has only \(frontier.size) entries") }
        do {
            return try resolve(try MerkleProof.inclusionPlan(index: seq, treeSize: treeSize))
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(.invalidRequest, "no inclusion proof for entry \(seq) in a tree of size \(treeSize): \(error)")
        }
    }

    public func consistencyProof(from size1: UInt64, to size2: UInt64) async throws(LedgerError) -> [Hash32] {
        guard size2 <= frontier.size else { throw LedgerError(.notFound, "the ledger has only \(frontier.size) entries") }
        do {
            return try resolve(try MerkleProof.consistencyPlan(size1: size1, size2: size2))
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(.invalidRequest, "no consistency proof from \(size1) to \(size2): \(error)")
        }
    }

    /// Computes a plan's hashes from the proof cache and the frontier, reading what they lack in one database access.
    func resolve(_ plan: MerkleHashPlan) throws(LedgerError) -> [Hash32] {
        let cache = try filledProofCache()
        let reads = cache.reads(for: plan, frontier: frontier)
        let fetched = reads.isEmpty ? ProofHashCache.Fetched() : try fetch(reads)
        return try cache.resolve(plan, frontier: frontier, reads: reads, fetched: fetched)
    }

    /// The proof cache, filled from the subtree table in one range scan the first time.
    func filledProofCache() throws(LedgerError) -> ProofHashCache {
        if let proofCache { return proofCache }
        let level = Self.proofCacheLevel
        let cache = try read { db in
            var cache = ProofHashCache(lowestLevel: level)
            let rows = RawStatement(try db.makeStatement(sql: "SELECT level, idx, hash FROM subtrees WHERE level >= ? ORDER BY level, idx"))
            rows.bind(Int64(level), at: 1)
            try rows.forEachRow(in: db) {
                if let hash = rows.hash(at: 2) {
                    _ = cache.record(
                        SubtreeHash(id: SubtreeID(level: UInt8(rows.int64(at: 0)), index: UInt64(rows.int64(at: 1))), hash: hash))
                }
                return true
            }
            return cache
        }
        proofCache = cache
        return cache
    }

    /// Reads leaf ranges and single subtrees. Hashes below the frontier never change once written, so this needs no read
    /// transaction.
    func fetch(_ reads: ProofHashCache.Reads) throws(LedgerError) -> ProofHashCache.Fetched {
        do {
            return try pool.unsafeRead { db in
                var fetched = ProofHashCache.Fetched()
                let leaves = RawStatement(
                    try db.cachedStatement(sql: "SELECT seq, leaf_hash FROM entries WHERE seq >= ? AND seq < ? ORDER BY seq"))
                for range in reads.leafRanges {
                    var hashes: [Hash32] = []
                    hashes.reserveCapacity(range.count)
                    leaves.bind(Int64(range.lowerBound), at: 1)
                    leaves.bind(Int64(range.upperBound), at: 2)
                    // Stops at the first missing leaf; resolving then reports it.
                    try leaves.forEachRow(in: db) {
                        guard UInt64(leaves.int64(at: 0)) == range.lowerBound + UInt64(hashes.count), let hash = leaves.hash(at: 1) else {
                            return false
                        }
                        hashes.append(hash)
                        return true
                    }
                    fetched.leafHashes.append(hashes)
                }
                for id in reads.subtrees {
                    do {
                        fetched.subtrees.append(try Self.subtreeHash(id, db: db))
                    } catch is LedgerError {
                        fetched.subtrees.append(nil)
                    }
                }
                return fetched
            }
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(.storage, "cannot read the ledger: \(Self.describe(error))")
        }
    }
}
