/// The OpenAPI 3.1 description served at `/openapi.yaml`. A test keeps it in step with ``APIRoute/all``: the same
/// paths and methods, and `x-required-role` (or `security: []`) matching each route's role.
enum OpenAPIDocument {
    static let yaml = #"""
        openapi: 3.1.0
        info:
          title: System//Zero API
          version: "1.0"
          summary: Watches accessibility trees of user interfaces and keeps verifiable evidence of how they drift.
          license:
            name: Apache-2.0
            identifier: Apache-2.0
        servers:
          - url: http://127.0.0.1:8080
        security:
          - apiKey: []
          - bearer: []
        tags:
          - name: probes
          - name: captures
          - name: templates
          - name: logs
          - name: ledger
          - name: keys
          - name: operations
        paths:
          /health:
            get:
              tags: [probes]
              summary: Liveness
              security: []
              responses:
                "200": {description: The process is up., content: {application/json: {schema: {type: object}}}}
          /ready:
            get:
              tags: [probes]
              summary: Readiness
              description: Checks that the ledger is writable and its head verifies, the template folder is readable, the log folder writable and the key file readable; 503 while draining.
              security: []
              responses:
                "200": {description: Ready., content: {application/json: {schema: {type: object}}}}
                "503": {$ref: "#/components/responses/NotReady"}
          /metrics:
            get:
              tags: [operations]
              summary: Prometheus metrics
              description: The text exposition format. Needs a readonly key when SYSTEMZERO_METRICS_REQUIRE_KEY is true.
              security: []
              responses:
                "200": {description: Metrics., content: {text/plain: {schema: {type: string}}}}
                "401": {$ref: "#/components/responses/Unauthorized"}
          /openapi.yaml:
            get:
              tags: [operations]
              summary: This document
              security: []
              responses:
                "200": {description: The OpenAPI document., content: {application/yaml: {schema: {type: string}}}}
          /docs:
            get:
              tags: [operations]
              summary: The API documentation as a page
              security: []
              responses:
                "200": {description: An HTML page., content: {text/html: {schema: {type: string}}}}
          /captures:
            post:
              tags: [captures]
              summary: Record a capture
              description: >-
                Imports the capture (native JSON, Chrome AX JSON, uiautomator, Appium or XCUITest XML or an ARIA snapshot, by Content-Type),
                normalizes it, matches it against the templates, finds its drift events and appends the capture and its
                events to the ledger together. The capture's id is its ledger sequence number.
              x-required-role: operator
              parameters:
                - {name: session, in: query, description: Session id (overrides the capture's own)., schema: {type: string}}
                - {name: app, in: query, description: App id (overrides the capture's own)., schema: {type: string}}
              requestBody:
                required: true
                content:
                  application/json: {schema: {$ref: "#/components/schemas/NativeCapture"}}
                  application/vnd.systemzero.capture+json: {schema: {$ref: "#/components/schemas/NativeCapture"}}
                  application/vnd.chrome.ax+json: {schema: {type: object}}
                  application/xml: {schema: {type: string}}
                  text/xml: {schema: {type: string}}
                  application/yaml: {schema: {type: string}}
                  text/yaml: {schema: {type: string}}
                  application/x-yaml: {schema: {type: string}}
              responses:
                "201":
                  description: Recorded.
                  headers: {Location: {schema: {type: string}}}
                  content: {application/json: {schema: {$ref: "#/components/schemas/CaptureResult"}}}
                "400": {$ref: "#/components/responses/Problem"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Problem"}
                "413": {$ref: "#/components/responses/Problem"}
                "415": {$ref: "#/components/responses/Problem"}
                "422": {$ref: "#/components/responses/Problem"}
                "429": {$ref: "#/components/responses/TooManyRequests"}
            get:
              tags: [captures]
              summary: List captures
              x-required-role: readonly
              parameters:
                - {name: screen, in: query, schema: {type: string}}
                - {name: session, in: query, schema: {type: string}}
                - {name: since, in: query, description: RFC 3339 time., schema: {type: string, format: date-time}}
                - {$ref: "#/components/parameters/limit"}
                - {$ref: "#/components/parameters/cursor"}
              responses:
                "200": {description: A page of capture entries; next_cursor when there are more., content: {application/json: {schema: {type: object}}}}
                "400": {$ref: "#/components/responses/Problem"}
                "401": {$ref: "#/components/responses/Unauthorized"}
          /captures/{id}:
            get:
              tags: [captures]
              summary: One capture
              x-required-role: readonly
              parameters:
                - {name: id, in: path, required: true, schema: {type: integer, minimum: 0}}
              responses:
                "200": {description: The capture entry, its normalized tree and its drift events., content: {application/json: {schema: {type: object}}}}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "404": {$ref: "#/components/responses/Problem"}
          /templates:
            get:
              tags: [templates]
              summary: List templates
              x-required-role: readonly
              responses:
                "200": {description: Every template's summary., content: {application/json: {schema: {type: object}}}}
                "401": {$ref: "#/components/responses/Unauthorized"}
            post:
              tags: [templates]
              summary: Add or replace a template
              description: A YAML upload (its version must be higher than the current one's), or a build from recorded captures (the version is bumped and the policy of the previous version kept). Recorded in the ledger.
              x-required-role: operator
              requestBody:
                required: true
                content:
                  application/yaml: {schema: {type: string}}
                  application/json:
                    schema:
                      type: object
                      required: [screen_id, captures]
                      properties:
                        screen_id: {type: string}
                        app: {type: string}
                        captures: {type: array, items: {type: integer}, minItems: 1, maxItems: 100}
              responses:
                "201": {description: Stored., content: {application/json: {schema: {type: object}}}}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Problem"}
                "409": {$ref: "#/components/responses/Problem"}
                "415": {$ref: "#/components/responses/Problem"}
                "422": {$ref: "#/components/responses/Problem"}
          /templates/{screen_id}:
            get:
              tags: [templates]
              summary: One template with its version history
              x-required-role: readonly
              parameters:
                - {name: screen_id, in: path, required: true, schema: {type: string}}
              responses:
                "200": {description: The template and its earlier versions., content: {application/json: {schema: {type: object}}}}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "404": {$ref: "#/components/responses/Problem"}
          /logs:
            get:
              tags: [logs]
              summary: Drift events
              x-required-role: readonly
              parameters:
                - {name: kind, in: query, schema: {type: string, enum: [layout, content, sequence, manipulative]}}
                - {name: severity, in: query, description: This severity or higher., schema: {type: string, enum: [info, warning, critical]}}
                - {name: screen, in: query, schema: {type: string}}
                - {name: since, in: query, schema: {type: string, format: date-time}}
                - {$ref: "#/components/parameters/limit"}
                - {name: offset, in: query, schema: {type: integer, minimum: 0}}
                - {$ref: "#/components/parameters/cursor"}
              responses:
                "200": {description: A page of drift events., content: {application/json: {schema: {type: object}}}}
                "400": {$ref: "#/components/responses/Problem"}
                "401": {$ref: "#/components/responses/Unauthorized"}
          /logs/export:
            get:
              tags: [logs]
              summary: Export the ledger, streamed
              x-required-role: readonly
              parameters:
                - {name: format, in: query, schema: {type: string, enum: [json, ndjson, csv, html], default: json}}
                - {name: kind, in: query, description: Entry kind (capture, drift, template, key, config)., schema: {type: string}}
                - {name: screen, in: query, schema: {type: string}}
                - {name: session, in: query, schema: {type: string}}
                - {name: severity, in: query, schema: {type: string, enum: [info, warning, critical]}}
                - {name: since, in: query, schema: {type: string, format: date-time}}
              responses:
                "200":
                  description: The export.
                  content:
                    application/json: {schema: {type: object}}
                    application/x-ndjson: {schema: {type: string}}
                    text/csv: {schema: {type: string}}
                    text/html: {schema: {type: string}}
                "400": {$ref: "#/components/responses/Problem"}
                "401": {$ref: "#/components/responses/Unauthorized"}
          /status:
            get:
              tags: [operations]
              summary: Version, uptime, ledger size, templates
              x-required-role: readonly
              responses:
                "200": {description: Status., content: {application/json: {schema: {type: object}}}}
                "401": {$ref: "#/components/responses/Unauthorized"}
          /dashboard:
            get:
              tags: [operations]
              summary: Traffic, captures and drift figures
              description: JSON by default; an HTML page with the same figures and a drift timeline when Accept prefers text/html.
              x-required-role: readonly
              responses:
                "200":
                  description: The figures.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/Dashboard"}}
                    text/html: {schema: {type: string}}
                "401": {$ref: "#/components/responses/Unauthorized"}
          /ledger/checkpoint:
            get:
              tags: [ledger]
              summary: The newest signed checkpoint
              description: A C2SP tlog-checkpoint in a C2SP signed note, Ed25519. X-Ledger-Verifier-Key carries the verifier key.
              security: []
              responses:
                "200": {description: The signed note., content: {text/plain: {schema: {type: string}}}}
          /ledger/proof/inclusion:
            get:
              tags: [ledger]
              summary: RFC 9162 inclusion proof
              x-required-role: readonly
              parameters:
                - {name: seq, in: query, required: true, schema: {type: integer, minimum: 0}}
                - {name: size, in: query, description: Tree size (default the current checkpoint's)., schema: {type: integer, minimum: 1}}
              responses:
                "200": {description: The proof, with the checkpoint when size was not given., content: {application/json: {schema: {type: object}}}}
                "400": {$ref: "#/components/responses/Problem"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "404": {$ref: "#/components/responses/Problem"}
          /ledger/proof/consistency:
            get:
              tags: [ledger]
              summary: RFC 9162 consistency proof
              x-required-role: readonly
              parameters:
                - {name: from, in: query, required: true, schema: {type: integer, minimum: 0}}
                - {name: to, in: query, description: Tree size (default the current checkpoint's)., schema: {type: integer, minimum: 0}}
              responses:
                "200": {description: The proof., content: {application/json: {schema: {type: object}}}}
                "400": {$ref: "#/components/responses/Problem"}
                "401": {$ref: "#/components/responses/Unauthorized"}
          /ledger/entries/{seq}:
            get:
              tags: [ledger]
              summary: One ledger entry, byte for byte
              x-required-role: readonly
              parameters:
                - {name: seq, in: path, required: true, schema: {type: integer, minimum: 0}}
              responses:
                "200": {description: The canonical entry text, its parsed form and its leaf hash., content: {application/json: {schema: {type: object}}}}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "404": {$ref: "#/components/responses/Problem"}
          /auth/token:
            post:
              tags: [keys]
              summary: Create an API key
              description: The plaintext key is in this answer only; the server keeps its SHA-256.
              x-required-role: admin
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [name, role]
                      properties:
                        name: {type: string}
                        role: {type: string, enum: [readonly, operator, admin]}
                        lifetime: {description: "90s, 30m, 12h, 30d, or seconds; none for no expiry.", type: [string, integer, "null"]}
              responses:
                "201": {description: The new key and its metadata., content: {application/json: {schema: {$ref: "#/components/schemas/NewKey"}}}}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Problem"}
                "415": {$ref: "#/components/responses/Problem"}
                "422": {$ref: "#/components/responses/Problem"}
          /auth/keys:
            get:
              tags: [keys]
              summary: List API keys (metadata only)
              x-required-role: admin
              responses:
                "200": {description: Every key's metadata., content: {application/json: {schema: {type: object}}}}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Problem"}
          /auth/keys/{id}/rotate:
            post:
              tags: [keys]
              summary: Rotate a key
              description: Makes a new key of the same name and role; the old one keeps working for SYSTEMZERO_KEY_GRACE_HOURS (24 by default).
              x-required-role: admin
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                "201": {description: The new key., content: {application/json: {schema: {$ref: "#/components/schemas/NewKey"}}}}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Problem"}
                "404": {$ref: "#/components/responses/Problem"}
          /auth/keys/{id}:
            delete:
              tags: [keys]
              summary: Revoke a key
              x-required-role: admin
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                "200": {description: The revoked key's metadata., content: {application/json: {schema: {type: object}}}}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Problem"}
                "404": {$ref: "#/components/responses/Problem"}
          /config:
            get:
              tags: [operations]
              summary: The settings in force (secrets redacted)
              x-required-role: admin
              responses:
                "200": {description: Every setting with its value and whether a reload applies it., content: {application/json: {schema: {type: object}}}}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Problem"}
          /config/reload:
            post:
              tags: [operations]
              summary: Re-read the settings
              description: Applies what can change live (CORS, rate limits, keys, templates, log level, …) and names what needs a restart. Recorded in the ledger. SIGHUP does the same.
              x-required-role: admin
              responses:
                "200": {description: What was applied and what needs a restart., content: {application/json: {schema: {type: object}}}}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Problem"}
                "422": {$ref: "#/components/responses/Problem"}
        components:
          securitySchemes:
            apiKey: {type: apiKey, in: header, name: X-API-Key}
            bearer: {type: http, scheme: bearer}
          parameters:
            limit: {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 1000, default: 100}}
            cursor: {name: cursor, in: query, description: The next_cursor of the previous page., schema: {type: string}}
          responses:
            Problem:
              description: An RFC 9457 problem.
              content: {application/problem+json: {schema: {$ref: "#/components/schemas/Problem"}}}
            Unauthorized:
              description: No key, or a malformed, unknown, revoked, expired or rotated-out one.
              headers: {WWW-Authenticate: {schema: {type: string}}}
              content: {application/problem+json: {schema: {$ref: "#/components/schemas/Problem"}}}
            TooManyRequests:
              description: Over the rate limit.
              headers:
                Retry-After: {schema: {type: integer}}
                RateLimit-Limit: {schema: {type: integer}}
                RateLimit-Remaining: {schema: {type: integer}}
                RateLimit-Reset: {schema: {type: integer}}
              content: {application/problem+json: {schema: {$ref: "#/components/schemas/Problem"}}}
            NotReady:
              description: Not ready; failures lists the checks that failed.
              content: {application/problem+json: {schema: {$ref: "#/components/schemas/Problem"}}}
          schemas:
            Problem:
              type: object
              required: [type, title, status, detail]
              properties:
                type: {type: string}
                title: {type: string}
                status: {type: integer}
                detail: {type: string}
            NativeCapture:
              type: object
              required: [tree]
              properties:
                app: {type: string}
                session: {type: string}
                captured_at: {type: string, format: date-time}
                source: {type: string}
                viewport: {type: object, properties: {width: {type: number}, height: {type: number}}}
                tree: {$ref: "#/components/schemas/Node"}
            Node:
              type: object
              required: [role]
              properties:
                role: {type: string}
                name: {type: [string, "null"]}
                value: {type: [string, "null"]}
                id: {type: [string, "null"]}
                states: {type: array, items: {type: string}}
                bounds: {type: array, items: {type: number}, minItems: 4, maxItems: 4}
                children: {type: array, items: {$ref: "#/components/schemas/Node"}}
            CaptureResult:
              type: object
              properties:
                id: {type: integer}
                seq: {type: integer}
                screen: {type: string}
                score: {type: number}
                runner_up: {type: object}
                events: {type: array, items: {type: object}}
                inclusion_proof: {type: string, description: Where to fetch the entry's inclusion proof.}
            Dashboard:
              type: object
              properties:
                uptime_seconds: {type: number}
                requests_per_second: {type: number}
                error_rate: {type: number}
                latency_mean_ms: {type: number}
                latency_p95_ms: {type: number}
                captures_today: {type: integer}
                templates_created: {type: integer}
                drift_by_severity: {type: object}
            NewKey:
              type: object
              properties:
                id: {type: string}
                key: {type: string, description: "The plaintext key, sz_<id>_<secret>; shown once."}
                name: {type: string}
                role: {type: string}
                expires: {type: [string, "null"]}
        """#
}
