// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "SystemZero",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "systemzero", targets: ["systemzero"]),
        .library(name: "SystemZeroCore", targets: ["SystemZeroCore"]),
        .library(name: "SystemZeroLedger", targets: ["SystemZeroLedger"]),
        .library(name: "SystemZeroCapture", targets: ["SystemZeroCapture"]),
        .library(name: "SystemZeroServer", targets: ["SystemZeroServer"]),
        .library(name: "SystemZeroGallery", targets: ["SystemZeroGallery"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket", exact: "1.6.2"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", exact: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types", exact: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
    ],
    targets: [
        .target(
            name: "SystemZeroCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "SystemZeroLedger",
            dependencies: [
                "SystemZeroCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "SystemZeroGallery",
            dependencies: ["SystemZeroCore"],
            plugins: [.plugin(name: "EmbedGallery")]
        ),
        .executableTarget(name: "GalleryEmbedder"),
        .plugin(name: "EmbedGallery", capability: .buildTool(), dependencies: ["GalleryEmbedder"]),
        .target(
            name: "SystemZeroCapture",
            dependencies: [
                "SystemZeroCore",
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "SystemZeroServer",
            dependencies: [
                "SystemZeroCore",
                "SystemZeroLedger",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "systemzero",
            dependencies: [
                "SystemZeroCore",
                "SystemZeroLedger",
                "SystemZeroCapture",
                "SystemZeroServer",
                "SystemZeroGallery",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SystemZeroCoreTests",
            dependencies: ["SystemZeroCore", "SystemZeroGallery", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(
            name: "SystemZeroLedgerTests",
            dependencies: ["SystemZeroLedger", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "SystemZeroCaptureTests",
            dependencies: ["SystemZeroCapture", "SystemZeroCore"]
        ),
        .testTarget(
            name: "SystemZeroServerTests",
            dependencies: [
                "SystemZeroServer",
                "SystemZeroCore",
                "SystemZeroLedger",
                "SystemZeroCapture",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(
            name: "SystemZeroCLITests",
            dependencies: [
                "systemzero",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
