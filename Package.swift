// swift-tools-version:6.0
import PackageDescription

// Module layering (see DESIGN.md): CBLAS <- LaminaTensor <- LaminaGraph.
// Dependencies point one way only.
let package = Package(
    name: "Lamina",
    products: [
        .library(name: "LaminaTensor", targets: ["LaminaTensor"]),
        .library(name: "LaminaGraph", targets: ["LaminaGraph"]),
    ],
    targets: [
        .systemLibrary(
            name: "CBLAS",
            path: "Sources/CBLAS",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .target(name: "LaminaTensor", dependencies: ["CBLAS"]),
        .target(name: "LaminaGraph", dependencies: ["LaminaTensor"]),
        .executableTarget(
            name: "LaminaBenchmarks",
            dependencies: ["LaminaGraph", "LaminaTensor", "CBLAS"]
        ),
        .executableTarget(
            name: "XORClassifier",
            dependencies: ["LaminaGraph"],
            path: "Examples/XORClassifier"
        ),
        .testTarget(name: "LaminaTensorTests", dependencies: ["LaminaTensor"]),
        .testTarget(name: "LaminaGraphTests", dependencies: ["LaminaGraph"]),
    ]
)
