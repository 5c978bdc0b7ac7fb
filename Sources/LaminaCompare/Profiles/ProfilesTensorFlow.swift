import Lamina

extension ProfileRegistry {
    static let tf0 = InitProfile(
        name: "tf0", library: "TensorFlow rnn_cell (also skflow)", version: "0.5–0.12", source: "TF0",
        rules: "One joint (D+H,4H) kernel, uniform_unit_scaling U(±√(3/(D+H))) (gate order i,j,f,o). Stored bias 0; TF adds forget_bias = 1.0 in the forward pass, which Lamina's LSTMLayer has no option for, so it is modelled as an initial forget bias of 1 (identical at initialization, but trainable). GRUCell: (D+H,2H) and (D+H,H) kernels, same uniform, reset and update biases 1.0, candidate 0, reset before the product, h = u·h + (1−u)·ĥ. BasicRNNCell: joint U(±√(3/(D+H))), tanh. Zero initial states.",
        lstm: LSTMRecipe(W_in: { _, _ in Constant(0) }, W_hid: { _, _ in Constant(0) },
                         draw: { _, _ in .joint(VarianceScaling(scale: 1, mode: .fanIn, distribution: .uniform)) }, forgetBias: 1,
                         order: [.ingate, .cell, .forgetgate, .outgate]),
        gru: {
            var r = GRURecipe(W_in: { d, h in Uniform(range: (3 / Double(d + h)).squareRoot()) },
                              W_hid: { d, h in Uniform(range: (3 / Double(d + h)).squareRoot()) },
                              reset: .beforeProduct, update: .gateOnPrevious)
            r.bias = { g, _, _ in Constant(g == .hiddenUpdate ? 0 : 1) }
            return r
        }(),
        rnn: RNNRecipe(W_in: { d, h in Uniform(range: (3 / Double(d + h)).squareRoot()) },
                       W_hid: { d, h in Uniform(range: (3 / Double(d + h)).squareRoot()) }))

    static let tf1 = InitProfile(
        name: "tf1", library: "TensorFlow", version: "1.x rnn_cell_impl (BasicLSTMCell/LSTMCell, GRUCell, BasicRNNCell)", source: "TF1",
        rules: "One joint (D+H,4H) kernel, glorot_uniform U(±√(6/(D+5H))) (gate order i,j,f,o), no peepholes. Stored bias 0; forget_bias = 1.0 is added in the forward pass, modelled as an initial forget bias of 1 (Lamina has no forward offset). GRUCell: gates kernel (D+H,2H) glorot U(±√(6/(D+3H))), candidate kernel (D+H,H) U(±√(6/(D+2H))), reset and update biases 1.0, reset before the product, h = u·h + (1−u)·ĥ. BasicRNNCell: (D+H,H) glorot U(±√(6/(D+2H))), tanh. Zero initial states.",
        lstm: LSTMRecipe(W_in: { _, _ in Constant(0) }, W_hid: { _, _ in Constant(0) },
                         draw: { _, _ in .joint(GlorotUniform()) }, forgetBias: 1, order: [.ingate, .cell, .forgetgate, .outgate]),
        gru: {
            let bound: @Sendable (GRUGate, Int, Int) -> any ParameterSource = { g, d, h in
                Uniform(range: (6 / Double(d + (g == .hiddenUpdate ? 2 : 3) * h)).squareRoot())
            }
            var r = GRURecipe(W_in: bound, W_hid: bound, reset: .beforeProduct, update: .gateOnPrevious)
            r.bias = { g, _, _ in Constant(g == .hiddenUpdate ? 0 : 1) }
            return r
        }(),
        rnn: RNNRecipe(W_in: { d, h in Uniform(range: (6 / Double(d + 2 * h)).squareRoot()) },
                       W_hid: { d, h in Uniform(range: (6 / Double(d + 2 * h)).squareRoot()) }))
}
