// swift-tools-version:6.0
import PackageDescription

// stripe-fc builds from the toolchain alone: no package dependencies. The executable is
// `stripe-fc` (`fc` is a bash/zsh builtin that would shadow it); the source keeps the name `fc`.
let package = Package(
    name: "stripe-fc",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "stripe-fc", targets: ["fc"]),
        .library(name: "FCKit", targets: ["FCKit"]),
    ],
    targets: [
        // libcurl, called directly by CurlTransport: the system's library (Linux: libcurl4-openssl-dev,
        // found by pkg-config; macOS: the SDK's), not a package dependency.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl",
                       providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]),
        .target(name: "FCKit", dependencies: ["CCurl"]),
        .target(name: "FCSandbox", dependencies: ["FCKit"]),
        .executableTarget(name: "fc", dependencies: ["FCKit", "FCSandbox"]),
        .testTarget(name: "FCKitTests", dependencies: ["FCKit"]),
        .testTarget(name: "FCSandboxTests", dependencies: ["FCSandbox", "FCKit"]),
        .testTarget(name: "fcTests", dependencies: ["fc", "FCKit"], exclude: ["Snapshots"]),
        .testTarget(name: "IntegrationTests", dependencies: ["FCKit", "FCSandbox"]),
    ],
    swiftLanguageModes: [.v6]
)
