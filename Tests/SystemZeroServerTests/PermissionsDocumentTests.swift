import Foundation
import Testing

@testable import SystemZeroServer

@Suite struct PermissionsDocumentTests {
    /// docs/PERMISSIONS.md has one row per route, with the route's role, and no other rows.
    @Test func matrixMatchesTheRouteTable() throws {
        let text = try String(contentsOfFile: LiveServer.packageRoot + "/docs/PERMISSIONS.md", encoding: .utf8)
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| GET") || $0.hasPrefix("| POST") || $0.hasPrefix("| DELETE") }
        let documented = Set(
            rows.map { row -> String in
                let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                return "\(cells[0]) \(cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))) \(cells[2])"
            })
        let routes = Set(APIRoute.all.map { "\($0.method.rawValue) \($0.path) \($0.role?.rawValue ?? "none")" })
        #expect(documented == routes)
    }
}

@Suite struct SettingsDocumentTests {
    /// Every variable the server reads is in .env.example and in the deployment guide's table.
    @Test func everyVariableIsDocumented() throws {
        let example = try String(contentsOfFile: LiveServer.packageRoot + "/.env.example", encoding: .utf8)
        let guide = try String(contentsOfFile: LiveServer.packageRoot + "/docs/DEPLOYMENT.md", encoding: .utf8)
        for definition in SettingDefinition.all {
            #expect(example.contains("# \(definition.name)="), "\(definition.name) in .env.example")
            #expect(guide.contains("| `\(definition.name)` |"), "\(definition.name) in docs/DEPLOYMENT.md")
            for alias in definition.aliases { #expect(guide.contains("`\(alias)`"), "alias \(alias) in docs/DEPLOYMENT.md") }
        }
    }
}
