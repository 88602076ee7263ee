import HTTPTypes
import SystemZeroCore
import Testing
import Yams

@testable import SystemZeroServer

@Suite struct OpenAPIDocumentTests {
    /// The document and the route table list the same endpoints, with the same roles.
    @Test func documentIsInStepWithTheRoutes() throws {
        let node = try #require(try SafeYAML.compose(Array(OpenAPIDocument.yaml.utf8), limits: .default))
        let paths = try #require(node.mapping?["paths"]?.mapping)
        var documented: Set<String> = []
        for (path, item) in paths {
            for (method, operation) in item.mapping ?? [:] {
                let name = "\(method.string!.uppercased()) \(path.string!)"
                documented.insert(name)
                guard let route = APIRoute.all.first(where: { "\($0.method.rawValue) \($0.path)" == name }) else { continue }
                let role = operation.mapping?["x-required-role"]?.string
                #expect(role == route.role?.rawValue, "\(name): documented role \(role ?? "none")")
                if route.role == nil { #expect(operation.mapping?["security"]?.sequence?.isEmpty == true, "\(name) is public") }
            }
        }
        #expect(documented == Set(APIRoute.all.map { "\($0.method.rawValue) \($0.path)" }))
    }

    @Test func servedAtOpenAPIYamlAndDocs() async throws {
        try await LiveServer.with { server in
            let yaml = try await server.request(.get, "/openapi.yaml")
            #expect(yaml.status == .ok)
            #expect(yaml.text == OpenAPIDocument.yaml)
            let docs = try await server.request(.get, "/docs")
            #expect(docs.text.contains("/ledger/proof/inclusion"))
        }
    }
}
