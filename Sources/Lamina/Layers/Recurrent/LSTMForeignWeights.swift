import LaminaGraph
import LaminaTensor

/// LSTM weights in another library's layout, for ``LSTMLayer/setWeights(_:)``.
///
/// Lamina computes x·W with W of shape (features, units) per gate. The
/// conversion cuts each library's stacked arrays into gate blocks in that
/// library's gate order and transposes where the library stores (units, features):
///
/// | Library | Arrays | Gate order | Conversion |
/// |---|---|---|---|
/// | PyTorch `nn.LSTM`, `nn.LSTMCell` | `weight_ih` (4H, D), `weight_hh` (4H, H), `bias_ih`, `bias_hh` (4H) | i, f, g, o (rows) | W_in = block(weight_ih)ᵀ, W_hid = block(weight_hh)ᵀ, b = bias_ih + bias_hh |
/// | Keras / tf.keras `LSTM` | `kernel` (D, 4H), `recurrent_kernel` (H, 4H), `bias` (4H) | i, f, c, o (columns) | blocks as they are |
/// | TensorFlow 1 `LSTMCell`, `BasicLSTMCell` | `kernel` (D+H, 4H), `bias` (4H), optional `w_{i,f,o}_diag` (H) | i, j, f, o (columns) | rows 0..<D → W_in, rows D..< → W_hid; b_f = bias_f + forget_bias |
///
/// PyTorch's g, Keras' c and TensorFlow's j are Lamina's cell candidate.
/// TensorFlow adds `forget_bias` (1.0 by default) to the forget gate's
/// pre-activation at run time; here it becomes part of the stored bias. None
/// of the three has peepholes except TensorFlow's `LSTMCell(use_peepholes=True)`;
/// a layer with peepholes gets zero peephole weights when the source has none.
/// The results match when the layer uses the libraries' activations:
/// sigmoid gates and tanh for the candidate and the output.
public enum ForeignLSTMWeights: @unchecked Sendable {
    case pytorch(weightIH: NDArray, weightHH: NDArray, biasIH: NDArray?, biasHH: NDArray?)
    case keras(kernel: NDArray, recurrentKernel: NDArray, bias: NDArray?)
    case tensorflow(kernel: NDArray, bias: NDArray, forgetBias: Double = 1, peepholes: (input: NDArray, forget: NDArray, output: NDArray)? = nil)
}

extension LSTMLayer {
    /// Sets the gate weights (and peepholes) from another library's arrays;
    /// see ``ForeignLSTMWeights`` for each layout and its conversion.
    /// - Throws: ``LaminaError/parameterMismatch(detail:)`` for arrays of the wrong shape,
    ///   peephole weights for a layer without peepholes, or parameters that are expressions.
    public func setWeights(_ weights: ForeignLSTMWeights) throws {
        let (d, h) = (gates.inputSize, units)
        var input: [LSTMGate: NDArray] = [:], hidden: [LSTMGate: NDArray] = [:], bias: [LSTMGate: NDArray] = [:]
        var peepholeValues: [LSTMGate: NDArray] = [:]
        let label = displayName
        switch weights {
        case .pytorch(let wih, let whh, let bih, let bhh):
            try ForeignBlocks.expect(wih, [4 * h, d], "weight_ih", layer: label)
            try ForeignBlocks.expect(whh, [4 * h, h], "weight_hh", layer: label)
            let b = try ForeignBlocks.sum(bih, bhh, count: 4 * h)
            for (k, gate) in [LSTMGate.ingate, .forgetgate, .cell, .outgate].enumerated() {
                input[gate] = try ForeignBlocks.rows(wih, k, h).transposed
                hidden[gate] = try ForeignBlocks.rows(whh, k, h).transposed
                bias[gate] = try ForeignBlocks.rows(b, k, h)
            }
        case .keras(let kernel, let recurrent, let b):
            try ForeignBlocks.expect(kernel, [d, 4 * h], "kernel", layer: label)
            try ForeignBlocks.expect(recurrent, [h, 4 * h], "recurrent_kernel", layer: label)
            let bias4 = try ForeignBlocks.sum(b, nil, count: 4 * h)
            for (k, gate) in [LSTMGate.ingate, .forgetgate, .cell, .outgate].enumerated() {
                input[gate] = try ForeignBlocks.columns(kernel, k, h)
                hidden[gate] = try ForeignBlocks.columns(recurrent, k, h)
                bias[gate] = try ForeignBlocks.columns(bias4, k, h)
            }
        case .tensorflow(let kernel, let b, let forgetBias, let peepholes):
            try ForeignBlocks.expect(kernel, [d + h, 4 * h], "kernel", layer: label)
            try ForeignBlocks.expect(b, [4 * h], "bias", layer: label)
            let inputRows = try kernel.slice([.range(0, d)]), hiddenRows = try kernel.slice([.range(d, d + h)])
            for (k, gate) in [LSTMGate.ingate, .cell, .forgetgate, .outgate].enumerated() {
                input[gate] = try ForeignBlocks.columns(inputRows, k, h)
                hidden[gate] = try ForeignBlocks.columns(hiddenRows, k, h)
                let block = try ForeignBlocks.columns(b.cast(to: .float64), k, h)
                bias[gate] = gate == .forgetgate ? try block + NDArray(repeating: forgetBias, shape: [h], dtype: .float64) : block
            }
            if let peepholes {
                peepholeValues = [.ingate: peepholes.input, .forgetgate: peepholes.forget, .outgate: peepholes.output]
            }
        }
        let peepholeParams: [(LSTMGate, Expr?)] = [(.ingate, W_cell_to_ingate), (.forgetgate, W_cell_to_forgetgate), (.outgate, W_cell_to_outgate)]
        if !peepholeValues.isEmpty && peepholeParams.contains(where: { $0.1 == nil }) {
            throw LaminaError.parameterMismatch(detail: "\(label): the source has peephole weights but the layer has no peephole on every gate; build it with peepholes: true")
        }
        var peepholeAssignments: [(Shared, NDArray)] = []
        for (gate, param) in peepholeParams {
            guard let param else { continue }
            guard let shared = param as? Shared else {
                throw LaminaError.parameterMismatch(detail: "\(label): the peephole \(param) is an expression, not a shared variable")
            }
            let value = peepholeValues[gate] ?? NDArray(repeating: 0, shape: [h], dtype: shared.value.dtype)
            try ForeignBlocks.expect(value, [h], "the \(gate) peephole", layer: label)
            peepholeAssignments.append((shared, value.cast(to: shared.value.dtype)))
        }
        try gates.setValues(input: input, hidden: hidden, bias: bias)
        for (shared, value) in peepholeAssignments { try shared.setValue(value) }
    }
}
