import Foundation

/// The documents behind the profiles' `source` codes ("K2a", "PT", "LA", …): the repository, tag or commit
/// and files each profile's defaults were read from. The list is the "Sources" section of the project's
/// init-defaults reference (`shared/reference/init-defaults.md`), kept here as data so reports and the CLI
/// can print it.
public enum ProfileSources {
    /// One cited document set.
    public struct Entry: Sendable, Equatable {
        /// The code, such as "K2a".
        public var code: String
        /// What it cites: repository, tag or commit, files.
        public var citation: String
    }

    /// Every code, in the reference's order.
    public static let catalog: [Entry] = [
        Entry(code: "K1a", citation: "keras-team/keras tag 1.0.0 (df42e99, 2016-04-11): keras/initializations.py, layers/recurrent.py, core.py, embeddings.py, optimizers.py, backend/common.py (tags 0.1.0, 0.3.3 and 1.0.1–1.1.2 checked for the same lines)"),
        Entry(code: "K1b", citation: "keras-team/keras tag 1.2.2 (4fa7e5d, 2017-02-10), same files (the per-gate U bug is also in 1.2.0 and 1.2.1)"),
        Entry(code: "K2a", citation: "keras-team/keras tag 2.0.0 (f78d417): keras/initializers.py, layers/recurrent.py, core.py, embeddings.py, optimizers.py"),
        Entry(code: "K2b", citation: "keras-team/keras tag 2.2.4 (1931e21), plus examples/mnist_irnn.py and backend/tensorflow_backend.py"),
        Entry(code: "K2c", citation: "keras-team/keras tag 2.3.1 (f295e8e)"),
        Entry(code: "TK", citation: "keras-team/keras tag v2.15.0 (601488f) = tf.keras for TF 2.6–2.15: keras/layers/rnn/{lstm,gru,simple_rnn,gru_v1,lstm_v1}.py, initializers/initializers.py, layers/core/{dense,embedding}.py, optimizers/{adam,rmsprop}.py, optimizers/legacy/*, backend_config.py"),
        Entry(code: "K3", citation: "keras-team/keras tag v3.0.0 (9c675a9): keras/layers/rnn/*.py, keras/initializers/random_initializers.py; HEAD 3422977: keras/src/{layers/rnn,initializers,optimizers,activations,backend}/"),
        Entry(code: "LA", citation: "Lasagne/Lasagne master 5d3c63c (2019-11-20) and v0.1 (d337c8a): lasagne/init.py, layers/{recurrent,dense,embedding}.py, updates.py"),
        Entry(code: "T7", citation: "torch/nn 8726825: Linear.lua, LookupTable.lua, CMul.lua"),
        Entry(code: "ER", citation: "Element-Research/rnn ba937a0: LSTM.lua, FastLSTM.lua, GRU.lua, SeqLSTM.lua, SeqGRU.lua, LinearNoBias.lua, Recurrent.lua"),
        Entry(code: "TO", citation: "torch/optim HEAD: adam.lua, rmsprop.lua, sgd.lua"),
        Entry(code: "PT", citation: "pytorch/pytorch: torch/nn/modules/rnn.py @e6f551a (current) and @0010582 (2017); linear.py @f2889c8; sparse.py @fc42e13; optim/adam.py @dc80ccd; optim/rmsprop.py @e7c1e6a"),
        Entry(code: "TF0", citation: "tensorflow/tensorflow: tensorflow/models/rnn/rnn_cell.py @8bd3b38 (TF 0.5 era) with linear.py; 0.x python/ops/variable_scope.py (uniform_unit_scaling_initializer default); training/rmsprop.py @c652048"),
        Entry(code: "TF1", citation: "tensorflow/tensorflow: tensorflow/python/ops/rnn_cell_impl.py @22f3a97; variable_scope.py @e35e6bd; training/adam.py @288ef91; tf.compat.v1.train.RMSPropOptimizer documentation (decay 0.9, epsilon 1e-10)"),
        Entry(code: "BL", citation: "mila-iqia/blocks c69c2dc: blocks/bricks/recurrent/architectures.py, initialization.py, algorithms/__init__.py, roles.py, docs/index.rst; v0.1.1 for the old Adam"),
        Entry(code: "TH", citation: "lisa-lab/DeepLearningTutorials 11c4651: code/lstm.py"),
        Entry(code: "THO", citation: "Theano/Theano 7505f23: theano/configdefaults.py, tensor/nnet/sigm.py"),
        Entry(code: "MX", citation: "apache/mxnet tag 1.9.1 (3f8f3be): python/mxnet/gluon/rnn/{rnn_layer,rnn_cell}.py, gluon/nn/basic_layers.py, gluon/block.py, initializer.py, optimizer/optimizer.py"),
        Entry(code: "CH", citation: "chainer/chainer a8e15cb (v7.8.1+): chainer/links/rnn/{lstm,gru,n_step_rnn}.py, links/connection/{linear,embed_id}.py, initializers/{__init__,normal}.py, functions/rnn/n_step_gru.py, optimizers/{adam,rmsprop}.py"),
        Entry(code: "FX", citation: "google/flax 18f8f31 (v0.12.7+): flax/linen/{recurrent,linear}.py"),
        Entry(code: "EQ", citation: "patrick-kidger/equinox 9336d82 (v0.13.8+): equinox/nn/{_rnn,_linear,_embedding,_misc}.py"),
    ]

    /// The entry for `code`, or nil for an unknown code.
    public static func entry(_ code: String) -> Entry? { catalog.first { $0.code == code } }

    /// The codes of a profile's `source` field ("K2c,TK,K3" gives ["K2c", "TK", "K3"]).
    public static func codes(_ source: String) -> [String] {
        source.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A Markdown bibliography for `profiles` (names; unknown names are skipped): per profile its library,
    /// version and codes, then every code cited, resolved. Codes missing from the catalog are listed as such.
    public static func bibliography(profiles names: [String]) -> String {
        let profiles = names.compactMap { try? ProfileRegistry.named($0) }
        guard !profiles.isEmpty else { return "" }
        var out = "| profile | library | version | sources |\n|---|---|---|---|\n"
        var cited: [String] = []
        for p in profiles {
            let codes = Self.codes(p.source)
            out += "| \(p.name) | \(p.library) | \(p.version) | \(codes.joined(separator: ", ")) |\n"
            for c in codes where !cited.contains(c) { cited.append(c) }
        }
        out += "\n"
        let ordered = catalog.map(\.code).filter(cited.contains) + cited.filter { entry($0) == nil }
        for code in ordered {
            out += "- **\(code)** " + (entry(code)?.citation ?? "(not in the source catalog)") + "\n"
        }
        return out
    }
}
