import LaminaGraph
import LaminaTensor

/// A rule that draws a parameter's initial value (Lasagne's `Initializer`).
///
/// Initializers are values; they sample from a seeded ``RandomGenerator``,
/// so a network built twice from the same seed starts from the same values.
/// Used as a ``ParameterSource`` (for example `DenseLayer(W: GlorotUniform())`),
/// an initializer samples in ``LayerDefaults/floatX`` from the current
/// ``LayerDefaults`` generator and wraps the array in a new ``Shared``.
public protocol Initializer: ParameterSource, Sendable {
    /// An array of `shape` and `dtype` drawn from `generator` (which advances).
    /// - Throws: ``LaminaError/invalidArgument(function:detail:)`` for a shape the rule cannot fill.
    func sample(shape: [Int], dtype: DType, using generator: inout RandomGenerator) throws -> NDArray
}

extension Initializer {
    /// An array drawn from the current ``LayerDefaults`` generator, in `dtype`
    /// (by default ``LayerDefaults/floatX``).
    public func sample(shape: [Int], dtype: DType? = nil) throws -> NDArray {
        try LayerDefaults.withGenerator { try sample(shape: shape, dtype: dtype ?? LayerDefaults.floatX, using: &$0) }
    }

    /// A new ``Shared`` named `name` holding ``sample(shape:dtype:)``.
    public func makeParameter(shape: [Int], name: String) throws -> Expr {
        Shared(try sample(shape: shape), name: name)
    }
}

/// Throws unless `shape` has at least `minimumRank` axes.
func requireRank(_ shape: [Int], atLeast minimumRank: Int, exactly: Bool = false, _ initializer: String) throws {
    let ok = exactly ? shape.count == minimumRank : shape.count >= minimumRank
    guard ok else {
        throw LaminaError.invalidArgument(function: initializer, detail: "needs a shape of \(exactly ? "exactly" : "at least") \(minimumRank) axes, got \(formatShape(shape))")
    }
}
