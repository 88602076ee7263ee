import ArgumentParser
import Foundation
import SystemZeroLedger
import SystemZeroServer

struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Manages API keys in config/api_keys.yaml; every change is a ledger entry.",
        discussion: "While a server runs on the same data folder, use the /auth endpoints instead (the ledger has one writer).",
        subcommands: [Create.self, List.self, Rotate.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Makes a key and prints it; it is shown only this once.")
        @Option(help: "readonly, operator or admin.") var role: String
        @Option(help: "Who or what the key is for.") var name: String
        @Option(help: "How long it works: 90s, 30m, 12h, 30d (no expiry when left out).") var expires: String?
        @OptionGroup var settings: SettingsOptions

        func run() async throws {
            guard let role = APIRole(rawValue: role) else { throw ValidationError("--role must be readonly, operator or admin") }
            let lifetime = try expires.map { text in
                guard let lifetime = KeyLifetime.parse(text) else { throw ValidationError("--expires must be like 90s, 30m, 12h or 30d") }
                return lifetime
            }
            let (store, ledger) = try await KeysCommand.open(settings)
            let (key, record) = try KeysCommand.change { () throws(SettingsError) in
                try store.create(name: name, role: role, lifetime: lifetime)
            }
            try await KeysCommand.record("create", record, ledger: ledger)
            write("\(key.plaintext)\n")
            printError("created \(role.rawValue) key \(record.id) for \(name); store it now, it is not shown again")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lists the keys' metadata.")
        @OptionGroup var settings: SettingsOptions

        func run() async throws {
            let loaded = try settings.load()
            let store = try KeysCommand.change { () throws(SettingsError) in try APIKeyStore(path: KeysCommand.keyFile(loaded)) }
            for record in store.list() {
                let status = record.refusal(at: Date())?.rawValue ?? "active"
                let expires = record.expires.map { $0.formatted(.iso8601) } ?? "never"
                write(
                    "\(record.id)  \(record.role.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))  \(status.padding(toLength: 7, withPad: " ", startingAt: 0))  expires \(expires)  \(record.name)\n"
                )
            }
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Replaces a key; the old one works for SYSTEMZERO_KEY_GRACE_HOURS more.")
        @Argument(help: "The key id.") var id: String
        @OptionGroup var settings: SettingsOptions

        func run() async throws {
            let loaded = try settings.load()
            let (store, ledger) = try await KeysCommand.open(settings)
            let (key, record, old) = try KeysCommand.change { () throws(SettingsError) in
                try store.rotate(id: id, grace: .seconds(loaded.keyGraceHours * 3_600))
            }
            try await KeysCommand.record("rotate", record, ledger: ledger)
            write("\(key.plaintext)\n")
            printError("rotated \(old.id) to \(record.id); the old key works until \(old.graceUntil?.formatted(.iso8601) ?? "now")")
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revokes a key at once.")
        @Argument(help: "The key id.") var id: String
        @OptionGroup var settings: SettingsOptions

        func run() async throws {
            let (store, ledger) = try await KeysCommand.open(settings)
            let record = try KeysCommand.change { () throws(SettingsError) in try store.revoke(id: id) }
            try await KeysCommand.record("revoke", record, ledger: ledger)
            printError("revoked \(record.id) (\(record.name))")
        }
    }

    static func keyFile(_ settings: ServerSettings) -> String {
        (settings.configDirectory as NSString).appendingPathComponent("api_keys.yaml")
    }

    static func open(_ options: SettingsOptions) async throws -> (APIKeyStore, Ledger) {
        let settings = try options.load()
        let store = try change { () throws(SettingsError) in try APIKeyStore(path: keyFile(settings)) }
        do {
            let ledger = try Ledger(directory: settings.dataDirectory, origin: settings.ledgerOrigin)
            // Take the ledger's writer lock before the key file changes, so that a refused ledger leaves no key behind.
            if let sqlite = ledger.store as? SQLiteLedgerStore { try await sqlite.lockForWriting() }
            return (store, ledger)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
    }

    static func change<Result>(_ body: () throws(SettingsError) -> Result) throws -> Result {
        do {
            return try body()
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
    }

    /// Records the change; the key file is already written, so a failure here is reported with that in mind.
    static func record(_ action: String, _ record: APIKeyRecord, ledger: Ledger) async throws {
        do {
            _ = try await ledger.store.append(KeyChangeRecord.batch(action: action, record, by: "cli"))
        } catch {
            printError("error: the key file was changed but the ledger entry could not be written: \(error)")
            throw ExitCode(2)
        }
    }
}
