import LaminaGraph
import LaminaTensor

/// Vanilla RNN weights in another library's layout, for ``RecurrentLayer/setWeights(_:)``:
///
/// | Library | Arrays | Conversion |
/// |---|---|---|
/// | PyTorch `nn.RNN`, `nn.RNNCell` | `weight_ih` (H, D), `weight_hh` (H, H), `bias_ih`, `bias_hh` (H) | W_in_to_hid = weight_ihᵀ, W_hid_to_hid = weight_hhᵀ, b = bias_ih + bias_hh |
/// | Keras `SimpleRNN` | `kernel` (D, H), `recurrent_kernel` (H, H), `bias` (H) | as they are |
///
/// PyTorch's default activation is tanh (Lasagne's is rectify): build the
/// layer with the same nonlinearity as the source.
public enum ForeignRNNWeights: @unchecked Sendable {
    case pytorch(weightIH: NDArray, weightHH: NDArray, biasIH: NDArray?, biasHH: NDArray?)
    case keras(kernel: NDArray, recurrentKernel: NDArray, bias: NDArray?)
}

extension RecurrentLayer {
    /// Sets the weights from another library's arrays; see ``ForeignRNNWeights``.
    /// - Throws: ``LaminaError/parameterMismatch(detail:)`` for arrays of the wrong shape, a bias
    ///   for a layer without one, or parameters that are expressions.
    public func setWeights(_ weights: ForeignRNNWeights) throws {
        let d = W_in_to_hid.shape[0]!, h = units
        let label = displayName
        let (w, u, b): (NDArray, NDArray, NDArray?)
        switch weights {
        case .pytorch(let wih, let whh, let bih, let bhh):
            try ForeignBlocks.expect(wih, [h, d], "weight_ih", layer: label)
            try ForeignBlocks.expect(whh, [h, h], "weight_hh", layer: label)
            (w, u) = (wih.transposed, whh.transposed)
            b = bih == nil && bhh == nil ? nil : try ForeignBlocks.sum(bih, bhh, count: h)
        case .keras(let kernel, let recurrent, let bias):
            try ForeignBlocks.expect(kernel, [d, h], "kernel", layer: label)
            try ForeignBlocks.expect(recurrent, [h, h], "recurrent_kernel", layer: label)
            (w, u, b) = (kernel, recurrent, bias)
        }
        func shared(_ e: Expr?, _ what: String) throws -> Shared {
            guard let s = e as? Shared else {
                throw LaminaError.parameterMismatch(detail: "\(label): \(what) is \(e.map { "the expression \($0)" } ?? "missing"), not a shared variable")
            }
            return s
        }
        var assignments = [(try shared(W_in_to_hid, "W_in_to_hid"), w), (try shared(W_hid_to_hid, "W_hid_to_hid"), u)]
        if let b {
            try ForeignBlocks.expect(b, [h], "bias", layer: label)
            assignments.append((try shared(self.b, "the bias"), b))
        } else if let bias = self.b as? Shared {
            assignments.append((bias, NDArray(repeating: 0, shape: [h], dtype: bias.value.dtype)))
        }
        for (param, value) in assignments { try param.setValue(value.cast(to: param.value.dtype)) }
    }
}
