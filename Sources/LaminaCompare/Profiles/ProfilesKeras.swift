import Lamina

extension ProfileRegistry {
    static let keras10 = InitProfile(
        name: "keras1.0", library: "Keras", version: "1.0.0–1.1.2 (consume_less='cpu', the default)", source: "K1a",
        rules: "Per-gate matrices: W_* glorot_uniform on (D,H), U(±√(6/(D+H))); U_* orthogonal ×1.1 on (H,H). Biases 0, forget bias 1 ('one'). Gates hard_sigmoid clip(0.2x+0.5,0,1) (library defaults only). GRU: reset before the product, h = z·h + (1−z)·ĥ. SimpleRNN: glorot, orthogonal ×1.1, tanh. Zero initial states.",
        lstm: LSTMRecipe(W_in: { _, _ in GlorotUniform() }, W_hid: { _, _ in Orthogonal(gain: 1.1) }, forgetBias: 1,
                         gateActivation: .hardSigmoid),
        gru: kerasGRU(W_hid: { _, _ in Orthogonal(gain: 1.1) }, draw: nil, reset: .beforeProduct, act: .hardSigmoid),
        rnn: RNNRecipe(W_in: { _, _ in GlorotUniform() }, W_hid: { _, _ in Orthogonal(gain: 1.1) }))

    static let keras12 = InitProfile(
        name: "keras1.2", library: "Keras", version: "1.2.0–1.2.2 (consume_less='cpu', the default)", source: "K1b",
        rules: "As keras1.0, but with the 1.2.x bug: LSTM and GRU U_* use glorot_uniform per gate on (H,H), U(±√(3/H)), so inner_init='orthogonal' is ignored. SimpleRNN is unaffected (orthogonal ×1.1). Forget bias 1, hard_sigmoid gates (library defaults only), GRU reset before the product.",
        lstm: LSTMRecipe(W_in: { _, _ in GlorotUniform() }, W_hid: { _, _ in GlorotUniform() }, forgetBias: 1,
                         gateActivation: .hardSigmoid),
        gru: kerasGRU(W_hid: { _, _ in GlorotUniform() }, draw: nil, reset: .beforeProduct, act: .hardSigmoid),
        rnn: RNNRecipe(W_in: { _, _ in GlorotUniform() }, W_hid: { _, _ in Orthogonal(gain: 1.1) }))

    static let keras2 = InitProfile(
        name: "keras2", library: "Keras", version: "2.0–2.2.x", source: "K2a,K2b",
        rules: "Stacked kernels: one glorot_uniform draw over (D,4H), U(±√(6/(D+4H))), and one orthogonal (gain 1) over (H,4H), so each gate block has orthonormal rows scaled to about half. unit_forget_bias: forget bias 1, others 0. Gates hard_sigmoid (library defaults only). GRU stacked (D,3H)/(H,3H), reset before the product (reset_after=False), h = z·h + (1−z)·ĥ. SimpleRNN glorot/orthogonal, tanh. Zero initial states.",
        lstm: LSTMRecipe(W_in: { _, _ in GlorotUniform() }, W_hid: { _, _ in Orthogonal() },
                         draw: { _, _ in .stacked(input: GlorotUniform(), hidden: Orthogonal()) }, forgetBias: 1,
                         gateActivation: .hardSigmoid),
        gru: kerasGRU(W_hid: { _, _ in Orthogonal() }, draw: { _, _ in .stacked(input: GlorotUniform(), hidden: Orthogonal()) },
                      reset: .beforeProduct, act: .hardSigmoid),
        rnn: RNNRecipe(W_in: { _, _ in GlorotUniform() }, W_hid: { _, _ in Orthogonal() }))

    static let keras3 = InitProfile(
        name: "keras3", library: "Keras 3 / tf.keras (TF2)", version: "2.3.x, tf.keras 2.6–2.15, 3.x", source: "K2c,TK,K3",
        rules: "As keras2 (stacked glorot_uniform (D,4H), stacked orthogonal (H,4H), forget bias 1) with sigmoid gates. GRU: reset after the product with a separate hidden bias (reset_after=True, bias (2,3H) zeros), h = z·h + (1−z)·ĥ. SimpleRNN glorot/orthogonal, tanh. Zero initial states.",
        lstm: LSTMRecipe(W_in: { _, _ in GlorotUniform() }, W_hid: { _, _ in Orthogonal() },
                         draw: { _, _ in .stacked(input: GlorotUniform(), hidden: Orthogonal()) }, forgetBias: 1),
        gru: kerasGRU(W_hid: { _, _ in Orthogonal() }, draw: { _, _ in .stacked(input: GlorotUniform(), hidden: Orthogonal()) },
                      reset: .afterProductWithHiddenBias, act: .sigmoid),
        rnn: RNNRecipe(W_in: { _, _ in GlorotUniform() }, W_hid: { _, _ in Orthogonal() }))

    static func kerasGRU(W_hid: @escaping Sized, draw: (@Sendable (Int, Int) -> GateDraw)?, reset: GRUResetPlacement,
                         act: Nonlinearity) -> GRURecipe {
        var r = GRURecipe(W_in: { _, _ in GlorotUniform() }, W_hid: W_hid, reset: reset, update: .gateOnPrevious)
        r.draw = draw
        r.order = [.updategate, .resetgate, .hiddenUpdate]
        r.gateActivation = act
        return r
    }
}
