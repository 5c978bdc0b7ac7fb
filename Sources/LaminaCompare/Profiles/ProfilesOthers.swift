import Lamina

extension ProfileRegistry {
    static let lasagne = InitProfile(
        name: "lasagne", library: "Lasagne", version: "0.1 – master 5d3c63c", source: "LA",
        rules: "Per-gate Gate(): W_in, W_hid Normal(0.1) (std 0.1, so the recurrent scale grows as 0.1·√H), bias 0, forget bias 0, peepholes on with W_cell Normal(0.1). GRU: reset after the product (one bias outside), h = (1−u)·h + u·ĥ. RecurrentLayer: Uniform(0.01) for both matrices, bias 0, ReLU (library defaults only). Zero initial states, not learned.",
        lstm: LSTMRecipe(W_in: { _, _ in Normal(std: 0.1) }, W_hid: { _, _ in Normal(std: 0.1) }, peephole: { _, _ in Normal(std: 0.1) }),
        gru: GRURecipe(W_in: { _, _ in Normal(std: 0.1) }, W_hid: { _, _ in Normal(std: 0.1) }, reset: .afterProduct, update: .gateOnCandidate),
        rnn: RNNRecipe(W_in: { _, _ in Uniform(range: 0.01) }, W_hid: { _, _ in Uniform(range: 0.01) }, activation: .rectify))

    static let blocks = InitProfile(
        name: "blocks", library: "Blocks", version: "c69c2dc (as its documentation uses it)", source: "BL",
        rules: "Blocks has no defaults (weights_init is required); its documentation uses IsotropicGaussian(0.01) for every weight and Constant(0) for biases, which this profile follows. LSTM with peepholes (weights_init), no forget offset, learned initial states. GatedRecurrent: reset before the product, h = (1−u)·h + u·ĥ, learned initial state. SimpleRecurrent with Tanh (the activation is a required argument), learned initial state.",
        lstm: LSTMRecipe(W_in: { _, _ in Normal(std: 0.01) }, W_hid: { _, _ in Normal(std: 0.01) }, peephole: { _, _ in Normal(std: 0.01) },
                         learnInit: true),
        gru: {
            var r = GRURecipe(W_in: { _, _ in Normal(std: 0.01) }, W_hid: { _, _ in Normal(std: 0.01) }, reset: .beforeProduct, update: .gateOnCandidate)
            r.learnInit = true
            return r
        }(),
        rnn: RNNRecipe(W_in: { _, _ in Normal(std: 0.01) }, W_hid: { _, _ in Normal(std: 0.01) }, learnInit: true))

    static let theanoTutorial = InitProfile(
        name: "theano-tutorial", library: "Theano LSTM tutorial (lstm.py)", version: "DeepLearningTutorials 11c4651", source: "TH",
        rules: "Four ortho_weight matrices per kind (SVD of randn, gain 1), concatenated: each gate's W and U is orthogonal (the tutorial needs D = H; with D ≠ H, W is semi-orthogonal (D,H)). Biases 0, forget bias 0, zero initial states. The tutorial has only an LSTM: its GRU (reset before the product, h = z·h + (1−z)·ĥ) and simple RNN (tanh) apply the same per-gate orthogonal rule (an extension, not a library default).",
        lstm: LSTMRecipe(W_in: { _, _ in Orthogonal() }, W_hid: { _, _ in Orthogonal() }),
        gru: GRURecipe(W_in: { _, _ in Orthogonal() }, W_hid: { _, _ in Orthogonal() }, reset: .beforeProduct, update: .gateOnPrevious),
        rnn: RNNRecipe(W_in: { _, _ in Orthogonal() }, W_hid: { _, _ in Orthogonal() }))

    static let mxnetGluon = InitProfile(
        name: "mxnet-gluon", library: "MXNet Gluon", version: "1.x (1.9.1)", source: "MX",
        rules: "Every weight from the global initializer of net.initialize(), Uniform(0.07) = U(−0.07, 0.07); i2h and h2h biases 'zeros' (the docstring's 'lstmbias' forget bias of 1 is not what the code does). GRU: reset after the product with a hidden bias (zeros), h = z·h + (1−z)·ĥ. rnn.RNN: ReLU (library defaults only). Zero initial states.",
        lstm: LSTMRecipe(W_in: { _, _ in Uniform(range: 0.07) }, W_hid: { _, _ in Uniform(range: 0.07) }),
        gru: GRURecipe(W_in: { _, _ in Uniform(range: 0.07) }, W_hid: { _, _ in Uniform(range: 0.07) },
                       reset: .afterProductWithHiddenBias, update: .gateOnPrevious),
        rnn: RNNRecipe(W_in: { _, _ in Uniform(range: 0.07) }, W_hid: { _, _ in Uniform(range: 0.07) }, activation: .rectify))

    static let chainer = InitProfile(
        name: "chainer", library: "Chainer", version: "7.8.1 (L.LSTM, StatefulGRU, NStepRNNTanh)", source: "CH",
        rules: "LeCunNormal per gate block: W_x N(0, 1/√D), W_h N(0, 1/√H) (gate order a,i,f,o); biases 0 with forget bias 1 (L.LSTM; NStepLSTM has none). StatefulGRU: LeCunNormal, biases 0, reset before the product, h = (1−z)·h + z·ĥ. NStepRNNTanh: LeCunNormal, tanh. Zero initial states.",
        lstm: LSTMRecipe(W_in: { _, _ in LeCunNormal() }, W_hid: { _, _ in LeCunNormal() }, forgetBias: 1,
                         order: [.cell, .ingate, .forgetgate, .outgate]),
        gru: GRURecipe(W_in: { _, _ in LeCunNormal() }, W_hid: { _, _ in LeCunNormal() }, reset: .beforeProduct, update: .gateOnCandidate),
        rnn: RNNRecipe(W_in: { _, _ in LeCunNormal() }, W_hid: { _, _ in LeCunNormal() }))

    static let flax = InitProfile(
        name: "flax", library: "Flax linen", version: "0.12.7 (LSTMCell, GRUCell, SimpleCell)", source: "FX",
        rules: "Input Dense layers lecun_normal: truncated normal (±2σ) rescaled to std 1/√D; recurrent Dense layers orthogonal per gate (H,H), gain 1. All biases 0, forget bias 0. GRUCell: reset after the product, only the candidate's hidden Dense has a bias (zeros), h = z·h + (1−z)·ĥ. SimpleCell: lecun_normal input, orthogonal recurrent, tanh. Zero carries.",
        lstm: LSTMRecipe(W_in: { d, _ in TruncatedNormal(std: invSqrt(d)) }, W_hid: { _, _ in Orthogonal() }),
        gru: GRURecipe(W_in: { d, _ in TruncatedNormal(std: invSqrt(d)) }, W_hid: { _, _ in Orthogonal() },
                       reset: .afterProductWithHiddenBias, update: .gateOnPrevious),
        rnn: RNNRecipe(W_in: { d, _ in TruncatedNormal(std: invSqrt(d)) }, W_hid: { _, _ in Orthogonal() }))
}
