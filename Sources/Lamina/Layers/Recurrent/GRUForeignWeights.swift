import LaminaGraph
import LaminaTensor

/// GRU weights in another library's layout, for ``GRULayer/setWeights(_:)``.
///
/// | Library | Arrays | Gate order | Layer form it needs |
/// |---|---|---|---|
/// | PyTorch `nn.GRU`, `nn.GRUCell` | `weight_ih` (3H, D), `weight_hh` (3H, H), `bias_ih`, `bias_hh` (3H) | r, z, n (rows) | `.afterProductWithHiddenBias` (or `.afterProduct` when b_hn = 0) |
/// | Keras `GRU`, `reset_after=False` | `kernel` (D, 3H), `recurrent_kernel` (H, 3H), `bias` (3H) | z, r, h (columns) | `.beforeProduct` |
/// | Keras / tf.keras `GRU`, `reset_after=True` | same, `bias` (2, 3H): input bias, recurrent bias | z, r, h | `.afterProductWithHiddenBias` |
/// | TensorFlow 1 `GRUCell` | `gates/kernel` (D+H, 2H), `gates/bias` (2H), `candidate/kernel` (D+H, H), `candidate/bias` (H) | r, u (columns) | `.beforeProduct` |
///
/// PyTorch transposes (W = blockᵀ); the reset and update gates' two biases
/// are summed, while the candidate's hidden bias b_hn becomes
/// `b_hid_to_hidden_update`. In all three libraries the update gate weighs
/// the previous state (``GRUUpdateForm/gateOnPrevious``); for a layer with
/// Lasagne's ``GRUUpdateForm/gateOnCandidate`` the update gate's weights and
/// bias are negated, which gives the same h_t because σ(−a) = 1 − σ(a) (this
/// holds for sigmoid and hard sigmoid, the only update activations accepted then).
public enum ForeignGRUWeights: @unchecked Sendable {
    case pytorch(weightIH: NDArray, weightHH: NDArray, biasIH: NDArray?, biasHH: NDArray?)
    case keras(kernel: NDArray, recurrentKernel: NDArray, bias: NDArray?)
    case tensorflow(gateKernel: NDArray, gateBias: NDArray, candidateKernel: NDArray, candidateBias: NDArray)
}

extension GRULayer {
    /// Sets the gate weights from another library's arrays; see ``ForeignGRUWeights``.
    /// - Throws: ``LaminaError/parameterMismatch(detail:)`` for arrays of the wrong shape, a source
    ///   whose reset placement this layer does not compute, or parameters that are expressions.
    public func setWeights(_ weights: ForeignGRUWeights) throws {
        let (d, h) = (gates.inputSize, units)
        let label = displayName
        var input: [GRUGate: NDArray] = [:], hidden: [GRUGate: NDArray] = [:], bias: [GRUGate: NDArray] = [:]
        var hiddenBiasValue: NDArray?
        func require(_ placements: [GRUResetPlacement], _ source: String) throws {
            guard placements.contains(resetPlacement) else {
                throw LaminaError.parameterMismatch(detail: "\(label): \(source) weights need resetPlacement \(placements.map { ".\($0)" }.joined(separator: " or ")), the layer has .\(resetPlacement)")
            }
        }
        switch weights {
        case .pytorch(let wih, let whh, let bih, let bhh):
            try ForeignBlocks.expect(wih, [3 * h, d], "weight_ih", layer: label)
            try ForeignBlocks.expect(whh, [3 * h, h], "weight_hh", layer: label)
            let bi = try ForeignBlocks.sum(bih, nil, count: 3 * h), bh = try ForeignBlocks.sum(bhh, nil, count: 3 * h)
            for (k, gate) in [GRUGate.resetgate, .updategate, .hiddenUpdate].enumerated() {
                input[gate] = try ForeignBlocks.rows(wih, k, h).transposed
                hidden[gate] = try ForeignBlocks.rows(whh, k, h).transposed
                bias[gate] = gate == .hiddenUpdate ? try ForeignBlocks.rows(bi, k, h) : try ForeignBlocks.rows(bi, k, h) + ForeignBlocks.rows(bh, k, h)
            }
            hiddenBiasValue = try ForeignBlocks.rows(bh, 2, h)
            if hiddenBiasValue!.doubles.allSatisfy({ $0 == 0 }) {
                try require([.afterProduct, .afterProductWithHiddenBias], "PyTorch")
            } else {
                try require([.afterProductWithHiddenBias], "PyTorch (with a nonzero b_hn)")
            }
        case .keras(let kernel, let recurrent, let b):
            try ForeignBlocks.expect(kernel, [d, 3 * h], "kernel", layer: label)
            try ForeignBlocks.expect(recurrent, [h, 3 * h], "recurrent_kernel", layer: label)
            var inputBias = NDArray(repeating: 0, shape: [3 * h], dtype: .float64), recurrentBias: NDArray?
            if let b {
                if b.rank == 2 {
                    try ForeignBlocks.expect(b, [2, 3 * h], "bias", layer: label)
                    inputBias = try b.slice([.index(0)]).cast(to: .float64)
                    recurrentBias = try b.slice([.index(1)]).cast(to: .float64)
                } else {
                    try ForeignBlocks.expect(b, [3 * h], "bias", layer: label)
                    inputBias = b.cast(to: .float64)
                }
            }
            if let recurrentBias {
                try require([.afterProductWithHiddenBias], "Keras reset_after=True")
                hiddenBiasValue = try ForeignBlocks.columns(recurrentBias, 2, h)
            } else {
                try require([.beforeProduct], "Keras reset_after=False")
            }
            for (k, gate) in [GRUGate.updategate, .resetgate, .hiddenUpdate].enumerated() {
                input[gate] = try ForeignBlocks.columns(kernel, k, h)
                hidden[gate] = try ForeignBlocks.columns(recurrent, k, h)
                let inBias = try ForeignBlocks.columns(inputBias, k, h)
                bias[gate] = try recurrentBias.map { gate == .hiddenUpdate ? inBias : try inBias + ForeignBlocks.columns($0, k, h) } ?? inBias
            }
        case .tensorflow(let gateKernel, let gateBias, let candidateKernel, let candidateBias):
            try require([.beforeProduct], "TensorFlow 1 GRUCell")
            try ForeignBlocks.expect(gateKernel, [d + h, 2 * h], "gates/kernel", layer: label)
            try ForeignBlocks.expect(gateBias, [2 * h], "gates/bias", layer: label)
            try ForeignBlocks.expect(candidateKernel, [d + h, h], "candidate/kernel", layer: label)
            try ForeignBlocks.expect(candidateBias, [h], "candidate/bias", layer: label)
            for (k, gate) in [GRUGate.resetgate, .updategate].enumerated() {
                input[gate] = try ForeignBlocks.columns(gateKernel.slice([.range(0, d)]), k, h)
                hidden[gate] = try ForeignBlocks.columns(gateKernel.slice([.range(d, d + h)]), k, h)
                bias[gate] = try ForeignBlocks.columns(gateBias, k, h)
            }
            input[.hiddenUpdate] = try candidateKernel.slice([.range(0, d)])
            hidden[.hiddenUpdate] = try candidateKernel.slice([.range(d, d + h)])
            bias[.hiddenUpdate] = candidateBias
        }
        if updateForm == .gateOnCandidate {
            let name = updategate.nonlinearity.name
            guard name == "sigmoid" || name.hasPrefix("hard_sigmoid") else {
                throw LaminaError.parameterMismatch(detail: "\(label): converting to updateForm .gateOnCandidate negates the update gate, which needs σ(−a) = 1 − σ(a); the update gate's \(name) does not satisfy it; build the layer with updateForm: .gateOnPrevious")
            }
            let negate = { (a: NDArray) throws -> NDArray in try a.cast(to: .float64) * NDArray(repeating: -1, shape: [], dtype: .float64) }
            input[.updategate] = try negate(input[.updategate]!)
            hidden[.updategate] = try negate(hidden[.updategate]!)
            bias[.updategate] = try negate(bias[.updategate]!)
        }
        var hiddenBiasAssignment: (Shared, NDArray)?
        if let param = b_hid_to_hidden_update {
            guard let shared = param as? Shared else {
                throw LaminaError.parameterMismatch(detail: "\(label): b_hid_to_hidden_update is an expression, not a shared variable")
            }
            hiddenBiasAssignment = (shared, (hiddenBiasValue ?? NDArray(repeating: 0, shape: [h], dtype: .float64)).cast(to: shared.value.dtype))
        }
        try gates.setValues(input: input, hidden: hidden, bias: bias)
        if let (shared, value) = hiddenBiasAssignment { try shared.setValue(value) }
    }
}
