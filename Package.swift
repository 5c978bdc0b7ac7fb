// swift-tools-version:6.0
import PackageDescription

// Module layering (see DESIGN.md): CBLAS <- LaminaTensor <- LaminaGraph <- Lamina <- LaminaCompare <- lamina.
// Dependencies point one way only.
let package = Package(
    name: "Lamina",
    products: [
        .library(name: "LaminaTensor", targets: ["LaminaTensor"]),
        .library(name: "LaminaGraph", targets: ["LaminaGraph"]),
        .library(name: "Lamina", targets: ["Lamina"]),
        .library(name: "LaminaCompare", targets: ["LaminaCompare"]),
        .executable(name: "lamina", targets: ["lamina"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CBLAS",
            path: "Sources/CBLAS",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .target(name: "CKernels"),
        .target(name: "LaminaTensor", dependencies: ["CBLAS", "CKernels"]),
        .target(name: "LaminaGraph", dependencies: ["LaminaTensor"]),
        .target(name: "Lamina", dependencies: ["LaminaGraph", "LaminaTensor"]),
        .target(name: "LaminaCompare", dependencies: ["Lamina", "LaminaGraph", "LaminaTensor"]),
        .executableTarget(
            name: "lamina",
            dependencies: ["LaminaCompare", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "LaminaBenchmarks",
            dependencies: ["Lamina", "LaminaGraph", "LaminaTensor", "CBLAS"]
        ),
        .executableTarget(
            name: "XORClassifier",
            dependencies: ["LaminaGraph"],
            path: "Examples/XORClassifier"
        ),
        .testTarget(name: "LaminaTensorTests", dependencies: ["LaminaTensor"]),
        .testTarget(name: "LaminaGraphTests", dependencies: ["LaminaGraph"]),
        .testTarget(name: "LaminaCompareTests", dependencies: ["LaminaCompare", "Lamina", "LaminaGraph", "LaminaTensor"]),
        .testTarget(
            name: "LaminaTests",
            dependencies: ["Lamina", "LaminaGraph", "LaminaTensor"],
            exclude: ["Fixtures"]
        ),
        .executableTarget(name: "DigitsMLP", dependencies: ["Lamina"], path: "Examples/DigitsMLP"),
        .executableTarget(name: "TapIntermediateLayer", dependencies: ["Lamina"], path: "Examples/TapIntermediateLayer"),
        .executableTarget(name: "CustomLayer", dependencies: ["Lamina"], path: "Examples/CustomLayer"),
        .executableTarget(name: "CharRNN", dependencies: ["Lamina", "LaminaGraph", "LaminaTensor"], path: "Examples/CharRNN"),
        .executableTarget(name: "VowelsClassifier", dependencies: ["Lamina", "LaminaGraph", "LaminaTensor"], path: "Examples/VowelsClassifier"),
    ]
)
