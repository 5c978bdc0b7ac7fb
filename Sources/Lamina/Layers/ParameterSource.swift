import LaminaGraph
import LaminaTensor

/// Anything a layer parameter can be made from (Lasagne's `create_param`
/// specs): an ``Initializer`` (sampled into a new ``Shared``), an `NDArray`
/// (copied into a new ``Shared``), or an `Expr` (used as it is: a ``Shared``
/// of another layer ties the weights; any expression gives derived weights).
///
/// ```swift
/// let encoder = try DenseLayer(incoming: input, units: 32, W: GlorotUniform())
/// let decoder = try DenseLayer(incoming: encoder, units: 64, W: try encoder.W.transposed())   // tied
/// ```
public protocol ParameterSource {
    /// The parameter for a layer: an expression of the given shape.
    /// - Parameters:
    ///   - shape: the shape the layer needs.
    ///   - name: the full name for a newly created ``Shared`` (such as `"hidden.W"`).
    /// - Throws: ``LaminaError/invalidArgument(function:detail:)`` when an array or
    ///   expression does not have the shape the layer needs.
    func makeParameter(shape: [Int], name: String) throws -> Expr
}

extension NDArray: ParameterSource {
    /// A new ``Shared`` holding this array, whose shape must be `shape`.
    public func makeParameter(shape: [Int], name: String) throws -> Expr {
        guard self.shape == shape else {
            throw LaminaError.invalidArgument(function: name, detail: "an array of shape \(formatShape(self.shape)) was given for a parameter of shape \(formatShape(shape))")
        }
        return Shared(self, name: name)
    }
}

extension Expr: ParameterSource {
    /// The expression itself, which must have `shape`'s rank and agree with
    /// every size it knows.
    public func makeParameter(shape: [Int], name: String) throws -> Expr {
        guard rank == shape.count, zip(self.shape, shape).allSatisfy({ $0.0 == nil || $0.0 == $0.1 }) else {
            throw LaminaError.invalidArgument(function: name, detail: "the expression \(self) was given for a parameter of shape \(formatShape(shape))")
        }
        return self
    }
}
