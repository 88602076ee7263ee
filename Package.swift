// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "SystemZero",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "systemzero", targets: ["systemzero"]),
        .library(name: "SystemZeroCore", targets: ["SystemZeroCore"]),
        .library(name: "SystemZeroLedger", targets: ["SystemZeroLedger"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
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
        .executableTarget(
            name: "systemzero",
            dependencies: [
                "SystemZeroCore",
                "SystemZeroLedger",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "SystemZeroCoreTests",
            dependencies: ["SystemZeroCore", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(
            name: "SystemZeroLedgerTests",
            dependencies: ["SystemZeroLedger", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "SystemZeroCLITests",
            dependencies: ["systemzero"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
