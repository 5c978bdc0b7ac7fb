import Foundation
import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Stabilization: unstable forms are replaced by stable ones, so losses stay
/// finite and accurate where the formula as written over- or underflows.
@Suite struct CompileStabilizeTests {
    @Test(arguments: [DType.float32, .float64])
    func softmaxCrossEntropyWithHugeLogits(dtype: DType) throws {
        let logits = Expr.input("logits", dtype: dtype, shape: [nil, 3])
        let labels = Expr.input("labels", dtype: .int32, shape: [nil])
        let loss = try logits.softmax().categoricalCrossEntropy(labels)
        // Three rows of the logits [1000, 0, −1000], with labels 0, 1, 2.
        let rows: [Double] = [1000, 0, -1000, 1000, 0, -1000, 1000, 0, -1000]
        let xValue = dtype == .float64 ? Feed.f64(rows, [3, 3]) : Feed.f32(rows.map { Float($0) }, [3, 3])
        let t = Feed.i32([0, 1, 2])

        // ln softmax → log_softmax: log-probabilities [0, −1000, −2000] exactly,
        // so the losses for classes 0, 1, 2 are 0, 1000, 2000.
        let stable = try function(inputs: [logits, labels], outputs: [loss])
        #expect(stable.steps.contains("log_softmax"), "\(stable.steps)")
        #expect(!stable.steps.contains("softmax"))
        let good = try stable(xValue, t)[0]
        #expect(good.shape == [3])
        expectClose(good.doubles, [0, 1000, 2000], absolute: 1e-4, relative: 1e-12)

        // As written: softmax underflows to [1, 0, 0]; ln gives [0, −inf, −inf],
        // and the one-hot zeros times −inf are NaN, so every row's sum is NaN
        // (numpy computes the same: [nan, nan, nan]).
        let naive = try function(inputs: [logits, labels], outputs: [loss], options: .none)
        #expect(naive.steps.contains("softmax"))
        let bad = try naive(xValue, t)[0].doubles
        #expect(bad.allSatisfy { $0.isNaN }, "\(bad)")
    }

    @Test func sigmoidBinaryCrossEntropyAtPlusMinus100() throws {
        let x = Expr.input("x", dtype: .float64, shape: [nil])
        let t = Expr.input("t", dtype: .float64, shape: [nil])
        let loss = try x.sigmoid().binaryCrossEntropy(t)
        let xs = Feed.f64([100, 100, -100, -100]), ts = Feed.f64([1, 0, 1, 0])

        // ln σ(x) → −softplus(−x) and ln(1 − σ(x)) → −softplus(x): the loss is
        // t·softplus(−x) + (1 − t)·softplus(x). numpy: np.logaddexp(0, -100.) = 3.720075976020836e-44
        let stable = try function(inputs: [x, t], outputs: [loss])
        #expect(stable.steps.contains { $0.contains("softplus") }, "\(stable.steps)")
        #expect(!stable.steps.contains { $0.contains("sigmoid") }, "\(stable.steps)")
        let good = try stable(xs, ts)[0].doubles
        #expect(good.allSatisfy { $0.isFinite })
        expectClose(good, [3.720075976020836e-44, 100, 100, 3.720075976020836e-44], absolute: 0, relative: 1e-14)

        // As written (numpy gives the same): σ(100) rounds to 1, ln(1 − 1) = −inf:
        // t = 1 gives 0·(−inf) = NaN, t = 0 gives +inf. At x = −100 it is finite
        // (100 for t = 1; −0 instead of 3.7e−44 for t = 0).
        let naive = try function(inputs: [x, t], outputs: [loss], options: .none)
        let bad = try naive(xs, ts)[0].doubles
        #expect(bad[0].isNaN)
        #expect(bad[1] == .infinity)
        #expect(bad[2] == 100)
        #expect(bad[3] == 0)
    }

    @Test func logOfSigmoidBecomesSoftplus() throws {
        let x = Expr.input("x", dtype: .float64, shape: [nil])
        let f = try function(inputs: [x], outputs: [x.sigmoid().log()])
        #expect(f.steps == ["fused{negate,softplus,negate}"])
        // ln σ(−800) = −800 (np.logaddexp(0, 800.) = 800); as written σ underflows to 0 and ln 0 = −inf.
        #expect(try f(Feed.f64([-800, 0]))[0].doubles == [-800, -0.6931471805599453])
        let naive = try function(inputs: [x], outputs: [x.sigmoid().log()], options: .none)
        #expect(try naive(Feed.f64([-800]))[0].doubles == [-Double.infinity])
    }

    @Test func logOfOnePlusXBecomesLog1p() throws {
        let x = Expr.input("x", dtype: .float64, shape: [nil])
        for e in [try (x + 1).log(), try (1 + x).log()] {
            let f = try function(inputs: [x], outputs: [e])
            #expect(f.steps == ["log1p"])
            // numpy: np.log1p(1e-10) = 9.999999999500001e-11
            let v = try f(Feed.f64([1e-10]))[0].doubles[0]
            #expect(v == 9.999999999500001e-11)

            let naive = try function(inputs: [x], outputs: [e], options: .none)
            #expect(naive.steps == ["add", "log"])
            // numpy: np.log(1 + 1e-10) = 1.000000082690371e-10, a relative error of 8.3e-8.
            let w = try naive(Feed.f64([1e-10]))[0].doubles[0]
            #expect(w == 1.000000082690371e-10)
            #expect(Swift.abs(w - 9.999999999500001e-11) / 1e-10 > 8e-8)
        }
    }

    @Test func aOneThatBroadcastsIsNotDropped() throws {
        // ln(ones(2, 3) + x) with x (1, 3) has shape (2, 3); log1p(x) alone
        // would have x's shape, so the rewrite must not apply.
        let x = Expr.input("x", dtype: .float64, shape: [1, 3])
        let ones = Expr.constant(NDArray(repeating: 1, shape: [2, 3], dtype: .float64))
        let y = try (ones + x).log()
        // numpy: np.log(np.ones((2, 3)) + [[1, 2, 3]]), and its sum
        let row = [0.6931471805599453, 1.0986122886681098, 1.3862943611198906]
        for options in [CompileOptions.default, .none] {
            let f = try function(inputs: [x], outputs: [y, y.sum()], options: options)
            let r = try f(Feed.f64([1, 2, 3], [1, 3]))
            #expect(r[0].shape == [2, 3], "\(f.steps)")
            expectClose(r[0].doubles, row + row, absolute: 1e-12, relative: 1e-15)
            expectClose([r[1].scalarValue], [6.3561076606958915], absolute: 1e-12, relative: 1e-15)
        }
        // Likewise ln(1 − σ(x)) with a broadcasting one.
        let z = try (ones - x.sigmoid()).log()
        let g = try function(inputs: [x], outputs: [z])
        #expect(try g(Feed.f64([0, 0, 0], [1, 3]))[0].shape == [2, 3])
    }

    @Test func stabilizeOffLeavesTheLogs() throws {
        var options = CompileOptions.default
        options.stabilize = false
        let x = Expr.input("x", dtype: .float64, shape: [nil])
        let f = try function(inputs: [x], outputs: [(x + 1).log()], options: options)
        #expect(f.steps == ["fused{add,log}"])
    }
}
