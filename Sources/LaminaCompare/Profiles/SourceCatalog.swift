/// The documents a profile's source codes cite (an ``InitProfile/source`` such as `"K2a,TK"`): which
/// repository, at which tag or commit, and which files the rules were read from. The codes are those of the
/// "Sources" list of the project's init-defaults reference.
public enum SourceCatalog {
    /// Source code to (title, address). The title names the repository, the revision and the files read.
    public static let entries: [String: (title: String, url: String)] = [
        "K1a": ("Keras 1.0.0 (keras-team/keras tag 1.0.0, df42e99, 2016-04-11): initializations.py, layers/recurrent.py, core.py, embeddings.py, optimizers.py; the same lines in 0.1.0, 0.3.3 and 1.0.1–1.1.2",
                "https://github.com/keras-team/keras/tree/1.0.0"),
        "K1b": ("Keras 1.2.2 (tag 1.2.2, 4fa7e5d, 2017-02-10), the same files; the same lines in 1.2.0 and 1.2.1",
                "https://github.com/keras-team/keras/tree/1.2.2"),
        "K2a": ("Keras 2.0.0 (tag 2.0.0, f78d417): initializers.py, layers/recurrent.py, core.py, embeddings.py, optimizers.py",
                "https://github.com/keras-team/keras/tree/2.0.0"),
        "K2b": ("Keras 2.2.4 (tag 2.2.4, 1931e21), also examples/mnist_irnn.py and backend/tensorflow_backend.py",
                "https://github.com/keras-team/keras/tree/2.2.4"),
        "K2c": ("Keras 2.3.1 (tag 2.3.1, f295e8e)", "https://github.com/keras-team/keras/tree/2.3.1"),
        "TK": ("tf.keras for TensorFlow 2.6–2.15 (keras-team/keras tag v2.15.0, 601488f): layers/rnn/{lstm,gru,simple_rnn,gru_v1,lstm_v1}.py, initializers, dense, embedding, optimizers",
               "https://github.com/keras-team/keras/tree/v2.15.0"),
        "K3": ("Keras 3 (tag v3.0.0, 9c675a9, and HEAD 3422977): layers/rnn, initializers/random_initializers.py, optimizers, activations",
               "https://github.com/keras-team/keras/tree/v3.0.0"),
        "LA": ("Lasagne master 5d3c63c (2019-11-20) and v0.1 (d337c8a): lasagne/init.py, layers/{recurrent,dense,embedding}.py, updates.py",
               "https://github.com/Lasagne/Lasagne/tree/5d3c63c"),
        "T7": ("Torch7 nn 8726825: Linear.lua, LookupTable.lua, CMul.lua", "https://github.com/torch/nn/tree/8726825"),
        "ER": ("Element-Research rnn ba937a0: LSTM.lua, FastLSTM.lua, GRU.lua, SeqLSTM.lua, SeqGRU.lua, LinearNoBias.lua, Recurrent.lua",
               "https://github.com/Element-Research/rnn/tree/ba937a0"),
        "TO": ("Torch optim HEAD: adam.lua, rmsprop.lua, sgd.lua", "https://github.com/torch/optim"),
        "PT": ("PyTorch: torch/nn/modules/rnn.py at e6f551a (current) and 0010582 (2017), linear.py at f2889c8, sparse.py at fc42e13, optim/adam.py at dc80ccd, optim/rmsprop.py at e7c1e6a",
               "https://github.com/pytorch/pytorch/blob/e6f551a/torch/nn/modules/rnn.py"),
        "TF0": ("TensorFlow 0.x: tensorflow/models/rnn/rnn_cell.py at 8bd3b38 with linear.py; variable_scope.py (uniform unit scaling initializer); training/rmsprop.py at c652048",
                "https://github.com/tensorflow/tensorflow/tree/8bd3b38"),
        "TF1": ("TensorFlow 1.x: python/ops/rnn_cell_impl.py at 22f3a97, variable_scope.py at e35e6bd, training/adam.py at 288ef91; tf.compat.v1.train.RMSPropOptimizer documentation",
                "https://github.com/tensorflow/tensorflow/blob/22f3a97/tensorflow/python/ops/rnn_cell_impl.py"),
        "BL": ("Blocks c69c2dc: blocks/bricks/recurrent/architectures.py, initialization.py, algorithms/__init__.py, roles.py, docs/index.rst; v0.1.1 for the old Adam",
               "https://github.com/mila-iqia/blocks/tree/c69c2dc"),
        "TH": ("Theano LSTM tutorial (lisa-lab/DeepLearningTutorials 11c4651): code/lstm.py",
               "https://github.com/lisa-lab/DeepLearningTutorials/blob/11c4651/code/lstm.py"),
        "THO": ("Theano 7505f23: theano/configdefaults.py, tensor/nnet/sigm.py", "https://github.com/Theano/Theano/tree/7505f23"),
        "MX": ("MXNet Gluon 1.9.1 (tag 1.9.1, 3f8f3be): gluon/rnn/{rnn_layer,rnn_cell}.py, gluon/nn/basic_layers.py, gluon/block.py, initializer.py, optimizer/optimizer.py",
               "https://github.com/apache/mxnet/tree/1.9.1"),
        "CH": ("Chainer a8e15cb (v7.8.1+): links/rnn/{lstm,gru,n_step_rnn}.py, links/connection/{linear,embed_id}.py, initializers, functions/rnn/n_step_gru.py, optimizers",
               "https://github.com/chainer/chainer/tree/a8e15cb"),
        "FX": ("Flax 18f8f31 (v0.12.7+): flax/linen/{recurrent,linear}.py", "https://github.com/google/flax/tree/18f8f31"),
        "EQ": ("Equinox 9336d82 (v0.13.8+): equinox/nn/{_rnn,_linear,_embedding,_misc}.py",
               "https://github.com/patrick-kidger/equinox/tree/9336d82"),
    ]

    /// Every code, in the order of the reference's Sources list.
    public static let order = ["K1a", "K1b", "K2a", "K2b", "K2c", "TK", "K3", "LA", "T7", "ER", "TO", "PT", "TF0", "TF1", "BL", "TH",
                               "THO", "MX", "CH", "FX", "EQ"]

    /// The codes of a profile's `source` field (`"K2a,TK"` gives `["K2a", "TK"]`).
    public static func codes(in source: String) -> [String] {
        source.split(separator: ",").map { String($0.filter { !$0.isWhitespace }) }.filter { !$0.isEmpty }
    }
}
