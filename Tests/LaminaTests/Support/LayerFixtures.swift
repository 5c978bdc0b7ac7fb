import Foundation
import Testing
import LaminaTensor
import LaminaGraph
import Lamina
import LaminaTestSupport

/// The float64 fixtures of Fixtures/layers (made by
/// Comparisons/reference-layers/make_fixtures.py with PyTorch 2.15 and NumPy).
enum LayerFixtures {
    /// The arrays of a fixture, by key.
    static func load(_ name: String) throws -> [String: NDArray] {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/layers/\(name).npz").path
        return Dictionary(uniqueKeysWithValues: try Npz.read(from: path).map { ($0.name, $0.array) })
    }

    /// Expects `actual` to equal the fixture's `expected` to 1e-12 (float64 rounding over a few dozen operations).
    static func close(_ actual: NDArray, _ expected: NDArray, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        expectClose(actual, expected.doubles, shape: expected.shape, absolute: 1e-12, relative: 1e-12, "\(what)", sourceLocation: sourceLocation)
    }

    /// The value and the gradients (with respect to `wrt`) of sum(y · costWeights), feeding `feeds`.
    static func run(_ y: Expr, extra: [Expr] = [], costWeights: NDArray, wrt: [Expr], feeds: [Expr: NDArray]) throws -> [NDArray] {
        let cost = try (y * Expr.constant(costWeights)).sum()
        let placeholders = feeds.keys.sorted { $0.id < $1.id }
        return try function(inputs: placeholders, outputs: [y] + extra + (try grad(cost, wrt: wrt))).call(feeds)
    }
}
