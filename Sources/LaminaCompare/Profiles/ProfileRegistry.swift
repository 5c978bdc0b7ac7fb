import Lamina

/// Every init profile the harness knows, by name.
public enum ProfileRegistry {
    /// All profiles, in a stable order.
    public static var all: [InitProfile] {
        [lasagne, keras10, keras12, keras2, keras3, pytorch, torch7LSTM, torch7SeqLSTM, tf0, tf1, blocks, theanoTutorial,
         mxnetGluon, chainer, flax]
    }

    /// The profile called `name`.
    /// - Throws: ``ProfileError/unknownProfile(_:known:)`` listing the known names.
    public static func named(_ name: String) throws -> InitProfile {
        guard let p = all.first(where: { $0.name == name }) else {
            throw ProfileError.unknownProfile(name, known: all.map(\.name))
        }
        return p
    }
}

/// U(±1/√n).
func invSqrt(_ n: Int) -> Double { 1 / Double(n).squareRoot() }
