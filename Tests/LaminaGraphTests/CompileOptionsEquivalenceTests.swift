import Testing
import LaminaTensor
import LaminaGraph

/// Every rewrite preserves values: a graph that exercises all of them gives
/// the same results with every rewrite on, all off, and each one off alone.
@Suite struct CompileOptionsEquivalenceTests {
    struct Configuration: Sendable, CustomTestStringConvertible {
        let name: String
        let options: CompileOptions
        var testDescription: String { name }
    }

    static let configurations: [Configuration] = {
        var list = [Configuration(name: "default", options: .default), Configuration(name: "none", options: .none)]
        let flags: [(String, WritableKeyPath<CompileOptions, Bool>)] = [
            ("constantFolding", \.constantFolding), ("mergeDuplicates", \.mergeDuplicates),
            ("stabilize", \.stabilize), ("gemm", \.gemm),
            ("fuseElementwise", \.fuseElementwise), ("reuseBuffers", \.reuseBuffers),
        ]
        for (name, flag) in flags {
            var o = CompileOptions.default
            o[keyPath: flag] = false
            list.append(Configuration(name: "default without \(name)", options: o))
        }
        return list
    }()

    /// A small network step: transposed input, dot + bias, fused activations,
    /// duplicated subexpressions, constant subexpressions, softmax cross-entropy
    /// and ln(1 + x), with a parameter update.
    static func build() throws -> (inputs: [Expr], outputs: [Expr], updates: [(Shared, Expr)], shared: [Shared]) {
        let xt = Expr.input("xt", dtype: .float64, shape: [3, nil])
        let labels = Expr.input("labels", dtype: .int32, shape: [nil])
        let w = Shared(Feed.f64([0.1, -0.2, 0.3, 0.4, 0.5, -0.6, 0.7, -0.8, 0.9, 1.0, -1.1, 1.2], [3, 4]), name: "W")
        let b = Shared(Feed.f64([0.01, -0.02, 0.03, -0.04]), name: "b")
        let scale = try Expr.scalar(1.5, dtype: .float64) * Expr.scalar(2, dtype: .float64) // folds to 3
        let z = try xt.transposed().dot(w) + b
        let h = try (z * scale).tanh() + z.tanh()
        let loss = try h.softmax().categoricalCrossEntropy(labels).mean()
        let extra = try (h.square() + 1).log().sum(axes: [1]) + (h.square() + 1).log().sum(axes: [1])
        let g = try grad(loss, wrt: [w])[0]
        return ([xt, labels], [loss, h, extra], [(w, try w - g * 0.5)], [w, b])
    }

    static let xtValue = Feed.f64([0.5, -1, 2, 0, 1.5, 0.25, -0.75, 1, -2, 0.3, 0.6, -0.9], [3, 4])
    static let labelsValue = Feed.i32([0, 3, 1, 2])

    /// Results (outputs, then the updated W) under `options`.
    static func results(_ options: CompileOptions) throws -> (steps: [String], values: [[Double]]) {
        let (inputs, outputs, updates, shared) = try build()
        let f = try function(inputs: inputs, outputs: outputs, updates: updates, options: options)
        var values: [[Double]] = []
        // Two calls: the second runs with the updated W and reused buffers.
        for _ in 0..<2 {
            values += try f(xtValue, labelsValue).map(\.doubles)
            values.append(shared[0].value.doubles)
        }
        return (f.steps, values)
    }

    @Test(arguments: configurations)
    func sameValuesAsEveryRewriteOn(configuration: Configuration) throws {
        let reference = try Self.results(.default)
        let candidate = try Self.results(configuration.options)
        #expect(candidate.values.count == reference.values.count)
        for (a, e) in zip(candidate.values, reference.values) {
            expectClose(a, e, absolute: 1e-14, relative: 1e-12, Comment(rawValue: configuration.name))
        }
    }

    @Test func theRewritesDoChangeTheProgram() throws {
        let on = try Self.results(.default).steps
        let off = try Self.results(.none).steps
        #expect(on.count < off.count, "\(on) vs \(off)")
        #expect(on.contains { $0.hasPrefix("gemm{TN}") }, "\(on)")
        #expect(on.contains("log_softmax"))
        #expect(on.contains { $0.hasPrefix("fused") })
        #expect(!off.contains { $0.hasPrefix("fused") || $0.hasPrefix("gemm") })
        #expect(off.contains("softmax"))
    }

    @Test func theLossHasTheExpectedValue() throws {
        // numpy, float64:
        //   z = xt.T @ W + b; h = tanh(3z) + tanh(z)
        //   p = softmax(h); loss = -log(p[range(4), labels]).mean()
        let first = try Self.results(.default).values[0]
        expectClose(first, [1.9786525647208009], relative: 1e-13)
    }
}
