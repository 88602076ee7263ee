// swift-tools-version:6.1
// A bare Hummingbird hello-world, the yardstick for the API benchmarks (scripts/bench_http.sh builds and runs it
// beside `systemzero serve`). Not part of the main package's build.
import PackageDescription

let package = Package(
    name: "HelloHummingbird",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1")
    ],
    targets: [
        .executableTarget(name: "HelloHummingbird", dependencies: [.product(name: "Hummingbird", package: "hummingbird")])
    ],
    swiftLanguageModes: [.v6]
)
