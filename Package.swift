// swift-tools-version:6.1
// Storewise: a self-hosted ML service for Shopify merchants.

import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

/// Numerical cores are compiled with optimization even in debug builds: the model tests fit
/// hundreds of real series and would take minutes unoptimized.
let numericSettings: [SwiftSetting] = swiftSettings + [
    .unsafeFlags(["-O"], .when(configuration: .debug)),
]

let package = Package(
    name: "storewise",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "storewise", targets: ["storewise"]),
        .library(name: "Commerce", targets: ["Commerce"]),
        .library(name: "Simulation", targets: ["Simulation"]),
        .library(name: "Forecasting", targets: ["Forecasting"]),
        .library(name: "Replenishment", targets: ["Replenishment"]),
        .library(name: "CustomerValue", targets: ["CustomerValue"]),
        .library(name: "Recommendations", targets: ["Recommendations"]),
        .library(name: "Monitoring", targets: ["Monitoring"]),
        .library(name: "Risk", targets: ["Risk"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0", traits: [.defaults, "CommandLineArguments"]),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        // Parses and validates GraphQL: the schema check of every Admin document, and the fake Shopify.
        .package(url: "https://github.com/GraphQLSwift/GraphQL.git", from: "4.3.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        // PostgreSQL for several processes and machines (`db.url=postgres://…`): PostgresClient, a Service.
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // Pure cores: values in, values out.
        .target(name: "Commerce", swiftSettings: swiftSettings),
        // Optimized in debug too: the handbook simulator generates 1.75 million transactions in tests.
        .target(name: "Simulation", dependencies: ["Commerce"], swiftSettings: numericSettings),
        .target(name: "Forecasting", dependencies: ["Optimization", "Boosting"], swiftSettings: numericSettings),
        .target(name: "Replenishment", dependencies: ["Forecasting"], swiftSettings: numericSettings),
        .target(name: "CustomerValue", dependencies: ["Optimization"], swiftSettings: numericSettings),
        .target(name: "Recommendations", swiftSettings: numericSettings),
        .target(name: "Monitoring", swiftSettings: numericSettings),
        .target(name: "Risk", dependencies: ["Commerce", "Boosting"], swiftSettings: numericSettings),

        // C libraries made for the job (Debian's libnlopt-dev, libxgboost-dev) and thin wrappers.
        .systemLibrary(name: "CNLopt", pkgConfig: "nlopt", providers: [.apt(["libnlopt-dev"])]),
        .systemLibrary(name: "CXGBoost", providers: [.apt(["libxgboost-dev"])]),
        .target(name: "Optimization", dependencies: ["CNLopt"], swiftSettings: numericSettings),
        .target(name: "Boosting", dependencies: ["CXGBoost"], swiftSettings: numericSettings),

        // Adapters.
        .target(
            name: "Storage",
            dependencies: [
                "Commerce",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ShopifyAdmin",
            dependencies: [
                "Commerce",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // Application.
        .target(
            name: "Pipeline",
            dependencies: [
                "Commerce", "Storage", "ShopifyAdmin", "Simulation", "Forecasting", "Replenishment", "CustomerValue", "Recommendations", "Monitoring", "Risk",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Server",
            dependencies: [
                "Commerce", "Storage", "ShopifyAdmin", "Pipeline", "Forecasting", "Replenishment", "CustomerValue", "Recommendations", "Monitoring", "Risk",
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
                "Commerce", "Simulation", "Storage", "ShopifyAdmin", "Pipeline", "Server", "Forecasting", "Replenishment", "CustomerValue", "Recommendations", "Monitoring", "Risk",
                "FakeShopify",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // A local Shopify that speaks the real wire format (Admin GraphQL with cost and throttling, bulk
        // operations, OAuth, signed webhooks): the tests and the demo run the whole loop against it.
        .target(
            name: "FakeShopify",
            dependencies: [
                "Commerce", "Simulation", "ShopifyAdmin",
                .product(name: "GraphQL", package: "GraphQL"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/FakeShopify",
            swiftSettings: swiftSettings
        ),

        // Tests.
        .target(name: "TestSupport", dependencies: ["Commerce", "Forecasting", "Storage", .product(name: "PostgresNIO", package: "postgres-nio")], path: "Tests/TestSupport"),
        .testTarget(name: "CommerceTests", dependencies: ["Commerce", "TestSupport"]),
        .testTarget(name: "OptimizationTests", dependencies: ["Optimization"]),
        .testTarget(name: "BoostingTests", dependencies: ["Boosting", "TestSupport"]),
        .testTarget(name: "ForecastingTests", dependencies: ["Forecasting", "TestSupport"], swiftSettings: numericSettings),
        .testTarget(name: "ReplenishmentTests", dependencies: ["Replenishment", "Forecasting", "TestSupport"], swiftSettings: numericSettings),
        .testTarget(name: "CustomerValueTests", dependencies: ["CustomerValue", "Simulation", "TestSupport"], swiftSettings: numericSettings),
        .testTarget(name: "RecommendationsTests", dependencies: ["Recommendations", "Simulation", "TestSupport"], swiftSettings: numericSettings),
        .testTarget(name: "MonitoringTests", dependencies: ["Monitoring"], swiftSettings: numericSettings),
        .testTarget(name: "RiskTests", dependencies: ["Risk", "Commerce", "Simulation", "Boosting", "TestSupport"], swiftSettings: numericSettings),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "Commerce", "TestSupport"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "Commerce", "Forecasting", "TestSupport", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(
            name: "ShopifyAdminTests",
            dependencies: [
                "ShopifyAdmin", "TestSupport", "FakeShopify", "Commerce",
                .product(name: "GraphQL", package: "GraphQL"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "Storage", "Commerce", "Simulation", "ShopifyAdmin", "Forecasting", "Replenishment", "CustomerValue", "Recommendations", "Monitoring", "TestSupport", "FakeShopify"]),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "Pipeline", "Storage", "Commerce", "Simulation", "ShopifyAdmin", "Forecasting", "Replenishment", "CustomerValue", "Recommendations", "Monitoring", "TestSupport", "FakeShopify",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ]
)
