import Foundation
import SystemZeroCapture
import SystemZeroCore
import Testing

/// `ADBCapturer` against a stand-in `adb` that prints the real uiautomator dumps of the shared fixtures.
@Suite(.enabled(if: Support.fixturesAvailable, Support.fixturesSkipMessage))
struct ADBCapturerTests {
    @Test(arguments: Support.uiautomatorDumps)
    func theDumpPrintedByExecOutIsImported(dump: URL) async throws {
        let folder = try Support.temporaryFolder("adb")
        defer { try? FileManager.default.removeItem(at: folder) }
        let adb = try StandInADB.write(in: folder, dump: dump.path)
        var capture = try await ADBCapturer(adb: adb).capture()
        #expect(capture.capturedAt != nil)
        capture.capturedAt = nil
        let expected = try UIAutomatorImporter().importCapture(try [UInt8](Data(contentsOf: dump)))
        #expect(capture == expected)
        #expect(capture.source == "android-uiautomator")
    }

    @Test func whenExecOutGivesNoHierarchyTheDumpIsPulled() async throws {
        let dump = try #require(Support.uiautomatorDumps.first)
        let folder = try Support.temporaryFolder("adb-pull")
        defer { try? FileManager.default.removeItem(at: folder) }
        let adb = try StandInADB.write(in: folder, dump: dump.path, mode: .pullOnly)
        var capture = try await ADBCapturer(adb: adb).capture()
        capture.capturedAt = nil
        #expect(capture == (try UIAutomatorImporter().importCapture(try [UInt8](Data(contentsOf: dump)))))
        let calls = try String(contentsOf: folder.appendingPathComponent("calls.log"), encoding: .utf8)
        #expect(calls.contains("shell uiautomator dump \(ADBCapturer.deviceFile)"))
        #expect(calls.contains("pull \(ADBCapturer.deviceFile)"))
    }

    @Test func noDeviceIsSaidPlainly() async throws {
        let folder = try Support.temporaryFolder("adb-none")
        defer { try? FileManager.default.removeItem(at: folder) }
        let adb = try StandInADB.write(in: folder, dump: "/dev/null", mode: .noDevice)
        do {
            _ = try await ADBCapturer(adb: adb).capture()
            Issue.record("captured without a device")
        } catch {
            guard case .noDevice(let detail) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(detail.hasPrefix("adb: no devices/emulators found"))
            #expect(error.description.hasPrefix("no Android device: "))
        }
    }

    @Test func anUnknownSerialIsNoDevice() async throws {
        let dump = try #require(Support.uiautomatorDumps.first)
        let folder = try Support.temporaryFolder("adb-serial")
        defer { try? FileManager.default.removeItem(at: folder) }
        let adb = try StandInADB.write(in: folder, dump: dump.path, serial: "emulator-5554")
        _ = try await ADBCapturer(adb: adb, serial: "emulator-5554").capture()
        await #expect(throws: CaptureError.self) { try await ADBCapturer(adb: adb, serial: "R58M123").capture() }
        let calls = try String(contentsOf: folder.appendingPathComponent("calls.log"), encoding: .utf8)
        #expect(calls.hasPrefix("-s emulator-5554 exec-out uiautomator dump /dev/tty"))
    }

    @Test func aMissingAdbIsALaunchError() async throws {
        await #expect(
            throws: CaptureError.launchFailed(
                "adb-not-installed-here is not on the PATH (install Android's platform tools: apt-get install adb)")
        ) {
            try await ADBCapturer(adb: "adb-not-installed-here").capture()
        }
    }
}

/// Writes the stand-in `adb` the issue prescribes: it logs its arguments to `calls.log` beside it and answers
/// like adb with one device (or none).
enum StandInADB {
    enum Mode: String {
        /// `exec-out uiautomator dump /dev/tty` prints the dump.
        case direct
        /// `exec-out` fails, the dump must be written on the device and pulled.
        case pullOnly
        /// No device is connected.
        case noDevice
    }

    static func write(in folder: URL, dump: String, mode: Mode = .direct, serial: String? = nil) throws -> String {
        let log = folder.appendingPathComponent("calls.log").path
        var body = "echo \"$*\" >> '\(log)'\n"
        if mode == .noDevice {
            body += "echo 'adb: no devices/emulators found' >&2\nexit 1\n"
        }
        body += """
            if [ "$1" = "-s" ]; then
              if [ "$2" != "\(serial ?? "")" ]; then echo "adb: device '$2' not found" >&2; exit 1; fi
              shift 2
            fi
            case "$1 $2 $3" in
              "exec-out uiautomator dump")
                if [ "\(mode.rawValue)" = "pullOnly" ]; then echo "ERROR: could not get idle state."; exit 1; fi
                cat '\(dump)'; echo "UI hierchary dumped to: /dev/tty"; exit 0 ;;
              "shell uiautomator dump") echo "UI hierchary dumped to: $4"; exit 0 ;;
              "pull "*) cp '\(dump)' "$3"; echo "$2: 1 file pulled."; exit 0 ;;
            esac
            echo "adb: unknown command $*" >&2
            exit 1
            """
        return try Support.script("adb", in: folder, body)
    }
}
