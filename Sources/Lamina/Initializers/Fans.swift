/// How a weight shape's fan-in and fan-out are computed (the number of
/// inputs feeding one output unit, and of outputs fed by one input unit).
///
/// Both rules agree on 2-D weights, stored (inputs, outputs) as in Lasagne's
/// `DenseLayer` and Keras' `Dense`: fan_in = shape[0], fan_out = shape[1].
/// They differ for convolution-style weights of 3 or more axes, whose
/// receptive field size is the product of the spatial axes.
public enum FanRule: Sendable, Hashable {
    /// Lasagne and PyTorch layout (out, in, k₁, k₂, ...): receptive field
    /// rf = k₁·k₂·…, fan_in = shape[1]·rf, fan_out = shape[0]·rf. This is
    /// Lasagne's rule: its `He` uses fan_in = prod(shape[1:]) and its `Glorot`
    /// uses (n₁ + n₂)·rf with n₁, n₂ = shape[:2]. The default.
    case lasagne
    /// Keras and TensorFlow layout (k₁, k₂, ..., in, out): rf = k₁·k₂·…,
    /// fan_in = shape[−2]·rf, fan_out = shape[−1]·rf.
    case keras

    /// The (fan_in, fan_out) of a weight shape of 2 or more axes.
    public func fans(of shape: [Int]) -> (fanIn: Int, fanOut: Int) {
        precondition(shape.count >= 2, "fans need a shape of at least 2 axes, got \(shape)")
        if shape.count == 2 { return (shape[0], shape[1]) }
        switch self {
        case .lasagne:
            let field = shape[2...].reduce(1, *)
            return (shape[1] * field, shape[0] * field)
        case .keras:
            let field = shape[..<(shape.count - 2)].reduce(1, *)
            return (shape[shape.count - 2] * field, shape[shape.count - 1] * field)
        }
    }
}
