// swift-tools-version:6.0
import PackageDescription

// Module layering (see ARCHITECTURE.md): CBLAS <- LaminaTensor <- LaminaGraph <- Lamina <- LaminaPlot <- LaminaCompare
// <- lamina, with CGnuplot (gnuplot-iostream behind a C interface) under LaminaPlot. Dependencies point one way only.

/// The pkg-config name of the BLAS that provides cblas.h and libopenblas: "openblas" (Debian, Fedora, Arch,
/// Homebrew); set LAMINA_BLAS_PKG_CONFIG=blas where OpenBLAS is installed as the system's "blas".
let blasPkgConfig = Context.environment["LAMINA_BLAS_PKG_CONFIG"] ?? "openblas"

/// swift-docc-plugin, only when LAMINA_DOCS is set (`LAMINA_DOCS=1 swift package generate-documentation ...`,
/// see the README): every `swift build` compiles a dependency's plugins, which made a clean build of this
/// package about 30 s longer (211 s in all, measured on a fresh clone).
let documentationPlugin: [Package.Dependency] = Context.environment["LAMINA_DOCS"] == nil ? [] : [
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", exact: "1.5.0"),
]
let package = Package(
    name: "Lamina",
    products: [
        .library(name: "LaminaTensor", targets: ["LaminaTensor"]),
        .library(name: "LaminaGraph", targets: ["LaminaGraph"]),
        .library(name: "Lamina", targets: ["Lamina"]),
        .library(name: "LaminaCompare", targets: ["LaminaCompare"]),
        .library(name: "LaminaPlot", targets: ["LaminaPlot"]),
        .executable(name: "lamina", targets: ["lamina"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ] + documentationPlugin,
    targets: [
        .systemLibrary(
            name: "CBLAS",
            path: "Sources/CBLAS",
            pkgConfig: blasPkgConfig,
            providers: [.apt(["libopenblas-dev"]), .yum(["openblas-devel"]), .brew(["openblas"])]
        ),
        .target(
            name: "CGnuplot",
            linkerSettings: [.linkedLibrary("boost_iostreams"), .linkedLibrary("boost_filesystem"), .linkedLibrary("boost_system")]
        ),
        .target(name: "CKernels"),
        .target(name: "LaminaTensor", dependencies: ["CBLAS", "CKernels"]),
        .target(name: "LaminaGraph", dependencies: ["LaminaTensor"]),
        .target(name: "Lamina", dependencies: ["LaminaGraph", "LaminaTensor"]),
        .target(name: "LaminaPlot", dependencies: ["Lamina", "CGnuplot"]),
        .target(name: "LaminaCompare", dependencies: ["Lamina", "LaminaGraph", "LaminaTensor", "LaminaPlot"]),
        .executableTarget(
            name: "lamina",
            dependencies: ["LaminaCompare", "LaminaPlot", .product(name: "ArgumentParser", package: "swift-argument-parser")]
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
        // The checkers every test target shares (expectClose, the finite-difference gradient checker); not a product.
        .target(name: "LaminaTestSupport", dependencies: ["LaminaGraph", "LaminaTensor"], path: "Tests/LaminaTestSupport"),
        .testTarget(name: "LaminaTensorTests", dependencies: ["LaminaTensor", "LaminaTestSupport"]),
        .testTarget(name: "LaminaGraphTests", dependencies: ["LaminaGraph", "LaminaTestSupport"]),
        .testTarget(name: "LaminaPlotTests", dependencies: ["LaminaPlot", "Lamina", "LaminaGraph", "LaminaTensor"]),
        .testTarget(
            name: "LaminaCompareTests",
            dependencies: ["LaminaCompare", "LaminaPlot", "Lamina", "LaminaGraph", "LaminaTensor", "LaminaTestSupport"]
        ),
        .testTarget(
            name: "LaminaTests",
            dependencies: ["Lamina", "LaminaGraph", "LaminaTensor", "LaminaTestSupport"],
            exclude: ["Fixtures"]
        ),
        .executableTarget(name: "DigitsMLP", dependencies: ["Lamina"], path: "Examples/DigitsMLP"),
        .executableTarget(name: "TapIntermediateLayer", dependencies: ["Lamina"], path: "Examples/TapIntermediateLayer"),
        .executableTarget(name: "CustomLayer", dependencies: ["Lamina"], path: "Examples/CustomLayer"),
        .executableTarget(name: "CharRNN", dependencies: ["Lamina", "LaminaGraph", "LaminaTensor"], path: "Examples/CharRNN"),
        .executableTarget(name: "SequenceEstimator", dependencies: ["Lamina", "LaminaTensor"], path: "Examples/SequenceEstimator"),
        .executableTarget(name: "ResumeTraining", dependencies: ["Lamina", "LaminaGraph", "LaminaTensor"], path: "Examples/ResumeTraining"),
        .executableTarget(name: "VowelsClassifier", dependencies: ["Lamina", "LaminaGraph", "LaminaTensor"], path: "Examples/VowelsClassifier"),
        .executableTarget(name: "Seq2SeqAttention", dependencies: ["Lamina", "LaminaGraph", "LaminaTensor"], path: "Examples/Seq2SeqAttention"),
        .executableTarget(name: "StackedRNN", dependencies: ["Lamina", "LaminaGraph", "LaminaTensor"], path: "Examples/StackedRNN"),
    ],
    cxxLanguageStandard: .cxx17
)
