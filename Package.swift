// swift-tools-version:6.1
// Storewise: a self-hosted ML service for Shopify merchants.

import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "storewise",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "storewise", targets: ["storewise"]),
        .library(name: "Commerce", targets: ["Commerce"]),
        .library(name: "Simulation", targets: ["Simulation"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0", traits: [.defaults, "CommandLineArguments"]),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // Pure cores: values in, values out.
        .target(name: "Commerce", swiftSettings: swiftSettings),
        .target(name: "Simulation", dependencies: ["Commerce"], swiftSettings: swiftSettings),

        // Adapters.
        .target(
            name: "Storage",
            dependencies: [
                "Commerce",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ShopifyAdmin",
            dependencies: [
                "Commerce",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),

        // Application.
        .target(
            name: "Pipeline",
            dependencies: [
                "Commerce", "Storage", "ShopifyAdmin", "Simulation",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Server",
            dependencies: [
                "Commerce", "Storage", "ShopifyAdmin", "Pipeline",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "storewise",
            dependencies: [
                "Commerce", "Simulation", "Storage", "ShopifyAdmin", "Pipeline", "Server",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // Tests.
        .target(name: "TestSupport", dependencies: ["Commerce"], path: "Tests/TestSupport"),
        .testTarget(name: "CommerceTests", dependencies: ["Commerce", "TestSupport"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "Commerce", "TestSupport"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "Commerce", "TestSupport", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "ShopifyAdminTests", dependencies: ["ShopifyAdmin", "TestSupport"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "Storage", "Commerce", "Simulation", "ShopifyAdmin", "TestSupport"]),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "Pipeline", "Storage", "Commerce", "Simulation", "ShopifyAdmin", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ]
)
