import Lamina

extension ProfileRegistry {
    static let pytorch = InitProfile(
        name: "pytorch", library: "PyTorch", version: "all (nn.LSTM/GRU/RNN)", source: "PT",
        rules: "Every weight U(±1/√H), input weights included (fan ignored). Two biases b_ih, b_hh, each U(±1/√H), modelled as one bias drawn as their sum; no forget offset. GRU: reset after the product with the hidden bias b_hn U(±1/√H) inside, h = z·h + (1−z)·ĥ; candidate input bias b_in U(±1/√H). RNN tanh. Zero initial states.",
        lstm: LSTMRecipe(W_in: { _, h in Uniform(range: invSqrt(h)) }, W_hid: { _, h in Uniform(range: invSqrt(h)) },
                         bias: { _, h in SumOfUniforms(bound: invSqrt(h)) }),
        gru: {
            var r = GRURecipe(W_in: { _, h in Uniform(range: invSqrt(h)) }, W_hid: { _, h in Uniform(range: invSqrt(h)) },
                              reset: .afterProductWithHiddenBias, update: .gateOnPrevious)
            r.bias = { g, _, h in g == .hiddenUpdate ? Uniform(range: invSqrt(h)) as any ParameterSource : SumOfUniforms(bound: invSqrt(h)) }
            r.hiddenBias = { _, h in Uniform(range: invSqrt(h)) }
            return r
        }(),
        rnn: RNNRecipe(W_in: { _, h in Uniform(range: invSqrt(h)) }, W_hid: { _, h in Uniform(range: invSqrt(h)) },
                       bias: { _, h in SumOfUniforms(bound: invSqrt(h)) }))

    static let torch7LSTM = InitProfile(
        name: "torch7-lstm", library: "Torch7 rnn (Element-Research)", version: "nn.LSTM, nn.GRU, nn.Recurrent", source: "ER,T7",
        rules: "Per gate nn.Linear(D,H): W and b U(±1/√D); hidden LinearNoBias U(±1/√H); peepholes on (cell2gate, CMul U(±1/√H)); no forget offset. GRU (nn.GRU): same draws, reset before the product, h = (1−z)·h + z·ĥ. nn.Recurrent: input Linear U(±1/√D) with bias, feedback U(±1/√H), learnable start state, sigmoid activation (library defaults only; its feedback Linear's own bias is left out).",
        lstm: LSTMRecipe(W_in: { d, _ in Uniform(range: invSqrt(d)) }, W_hid: { _, h in Uniform(range: invSqrt(h)) },
                         bias: { d, _ in Uniform(range: invSqrt(d)) }, peephole: { _, h in Uniform(range: invSqrt(h)) }),
        gru: {
            var r = GRURecipe(W_in: { d, _ in Uniform(range: invSqrt(d)) }, W_hid: { _, h in Uniform(range: invSqrt(h)) },
                              reset: .beforeProduct, update: .gateOnCandidate)
            r.bias = { _, d, _ in Uniform(range: invSqrt(d)) }
            return r
        }(),
        rnn: RNNRecipe(W_in: { d, _ in Uniform(range: invSqrt(d)) }, W_hid: { _, h in Uniform(range: invSqrt(h)) },
                       bias: { d, _ in Uniform(range: invSqrt(d)) }, activation: .sigmoid, learnInit: true))

    static let torch7SeqLSTM = InitProfile(
        name: "torch7-seqlstm", library: "Torch7 rnn (Element-Research)", version: "nn.SeqLSTM, nn.SeqGRU", source: "ER",
        rules: "One joint (D+H,4H) matrix drawn N(0, 1/√(D+H)) (gate order i,f,o,g); bias 0 with forget bias 1; no peepholes. SeqGRU: joint N(0, 1/√(D+H)), update-gate bias 1, reset before the product, h = (1−z)·h + z·ĥ. There is no SeqRNN: the simple RNN uses the same joint normal draw and tanh (an extension, not a library default). Zero initial states.",
        lstm: LSTMRecipe(W_in: { _, _ in Constant(0) }, W_hid: { _, _ in Constant(0) },
                         draw: { d, h in .joint(Normal(std: invSqrt(d + h))) }, forgetBias: 1,
                         order: [.ingate, .forgetgate, .outgate, .cell]),
        gru: {
            var r = GRURecipe(W_in: { d, h in Normal(std: invSqrt(d + h)) }, W_hid: { d, h in Normal(std: invSqrt(d + h)) },
                              reset: .beforeProduct, update: .gateOnCandidate)
            r.draw = { d, h in .joint(Normal(std: invSqrt(d + h))) }
            r.bias = { g, _, _ in Constant(g == .updategate ? 1 : 0) }
            return r
        }(),
        rnn: RNNRecipe(W_in: { d, h in Normal(std: invSqrt(d + h)) }, W_hid: { d, h in Normal(std: invSqrt(d + h)) }))
}
