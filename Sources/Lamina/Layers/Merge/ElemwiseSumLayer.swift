import LaminaGraph

/// The weighted elementwise sum Σᵢ cᵢ·xᵢ of its inputs (Lasagne's
/// `ElemwiseSumLayer(coeffs=1)`). `coefficients` holds one coefficient per
/// input, or a single one used for all (default 1). A coefficient of 1 adds
/// the input as it is.
public final class ElemwiseSumLayer: ElemwiseMergeLayer, @unchecked Sendable {
    /// One coefficient per input.
    public let coefficients: [Double]

    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` when the number of coefficients
    ///   is neither 1 nor the number of inputs, or the input shapes disagree.
    public init(incomings: [Layer], coefficients: [Double] = [1], name: String? = nil) throws {
        guard coefficients.count == 1 || coefficients.count == incomings.count else {
            throw LaminaError.invalidLayer(layer: name ?? "ElemwiseSumLayer", detail: "\(coefficients.count) coefficients for \(incomings.count) inputs; give one, or one per input")
        }
        self.coefficients = coefficients.count == 1 ? Array(repeating: coefficients[0], count: incomings.count) : coefficients
        try super.init(incomings: incomings, name: name) { try $0 + $1 }
    }

    public override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        let scaled = try zip(inputs, coefficients).map { x, c in c == 1 ? x : try x * c }
        return try super.output(for: scaled, deterministic: deterministic)
    }
}
