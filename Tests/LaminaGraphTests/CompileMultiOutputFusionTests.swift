import Foundation
import Testing
import LaminaTensor
import LaminaGraph

/// Elementwise ops of one shape that feed each other but have other uses too
/// become one step with several results.
@Suite struct CompileMultiOutputFusionTests {
    var singleOutputOnly: CompileOptions {
        var o = CompileOptions()
        o.fuseMultipleOutputs = false
        return o
    }

    @Test func aSharedValueAndItsConsumerBecomeOneStepWithTwoResults() throws {
        let x = Expr.input("x", dtype: .float64, shape: [nil])
        let e = try x.exp()
        let f = try function(inputs: [x], outputs: [e * 2 + 1, e])
        #expect(f.steps == ["fused2{exp,multiply,add}"])
        let r = try f(Feed.f64([0, 1]))
        #expect(r[0].doubles == [3, 2 * 2.718281828459045 + 1])
        #expect(r[1].doubles == [1, 2.718281828459045])
        #expect(try function(inputs: [x], outputs: [e * 2 + 1, e], options: singleOutputOnly).steps == ["exp", "fused{multiply,add}"])
    }

    /// The elementwise part of an LSTM step: gate activations (each also an
    /// output, as the backward pass keeps them), cell and hidden state.
    @Test func anLSTMCellIsOnePass() throws {
        let (b, h) = (3, 5)
        let gates = Expr.input("gates", shape: [b, 4 * h]), cPrev = Expr.input("c", shape: [b, h])
        func slice(_ k: Int) throws -> Expr { try gates.subtensor([.all, .range(k * h, (k + 1) * h)]) }
        let i = try slice(0).sigmoid(), fg = try slice(1).sigmoid(), g = try slice(2).tanh(), o = try slice(3).sigmoid()
        let c = try fg * cPrev + i * g
        let tc = try c.tanh()
        let hNew = try o * tc
        let outputs = [i, fg, g, o, c, tc, hNew]
        let fused = try function(inputs: [gates, cPrev], outputs: outputs)
        let plain = try function(inputs: [gates, cPrev], outputs: outputs, options: singleOutputOnly)
        #expect(fused.steps.filter { $0.hasPrefix("fused") }.count == 1, "\(fused.steps)")
        #expect(fused.steps.count == 5, "\(fused.steps)") // four slices and one pass
        #expect(plain.steps.count > fused.steps.count)
        var rng = RandomGenerator(seed: 3)
        let gv = rng.normal(shape: [b, 4 * h]), cv = rng.normal(shape: [b, h])
        let a = try fused(gv, cv), p = try plain(gv, cv)
        for k in outputs.indices { #expect(a[k].doubles == p[k].doubles, "output \(k)") }
        // and the formula, in float64 from the float32 inputs
        let gd = gv.doubles, cd = cv.doubles
        func sigmoid(_ v: Double) -> Double { 1 / (1 + Foundation.exp(-v)) }
        for row in 0..<b {
            for j in 0..<h {
                let at = { (k: Int) in gd[row * 4 * h + k * h + j] }
                let cell = sigmoid(at(1)) * cd[row * h + j] + sigmoid(at(0)) * Foundation.tanh(at(2))
                #expect(Swift.abs(a[4].doubles[row * h + j] - cell) < 1e-5)
                #expect(Swift.abs(a[6].doubles[row * h + j] - sigmoid(at(3)) * Foundation.tanh(cell)) < 1e-5)
            }
        }
    }

    @Test func aPathThroughANonElementwiseOpKeepsTheGroupsApart() throws {
        // y = exp(x) feeds a sum, whose result is broadcast back into z = y + sum(y):
        // merging y and z would need the sum before y exists.
        let x = Expr.input("x", dtype: .float64, shape: [4])
        let y = try x.exp()
        let z = try y + y.sum() * 0.5
        let f = try function(inputs: [x], outputs: [z, y])
        #expect(!f.steps.contains { $0.hasPrefix("fused2") }, "\(f.steps)")
        let r = try f(Feed.f64([0, 0, 0, 0]))
        #expect(r[0].doubles == [3, 3, 3, 3])
        #expect(r[1].doubles == [1, 1, 1, 1])
    }

    @Test func float32AndFloat64ChainsStayApart() throws {
        let x = Expr.input("x", dtype: .float32, shape: [nil])
        let y = Expr.input("y", dtype: .float64, shape: [nil])
        let t = try x.exp()
        let z = try t.cast(to: .float64) * y
        let f = try function(inputs: [x, y], outputs: [z, t])
        let plain = try function(inputs: [x, y], outputs: [z, t], options: .none)
        let xs = Feed.f32([0.1, 0.7]), ys = Feed.f64([1, 3])
        #expect(try f(xs, ys).map(\.doubles) == plain(xs, ys).map(\.doubles), "\(f.steps)")
    }

    @Test func unknownSizesAreStillCheckedAtRunTime() throws {
        // both ops see (?, 3); a run-time size of 1 on the unknown axis of b must be refused, as unfused
        let a = Expr.input("a", dtype: .float64, shape: [nil, 3]), b = Expr.input("b", dtype: .float64, shape: [nil, 3])
        let s = try a + b
        let f = try function(inputs: [a, b], outputs: [s.exp(), s])
        #expect(f.steps.count == 1, "\(f.steps)")
        #expect(throws: GraphError.self) { try f(Feed.f64([1, 2, 3, 4, 5, 6], [2, 3]), Feed.f64([1, 2, 3], [1, 3])) }
        let ok = try f(Feed.f64([0, 0, 0], [1, 3]), Feed.f64([0, 0, 0], [1, 3]))
        #expect(ok[0].doubles == [1, 1, 1] && ok[1].doubles == [0, 0, 0])
    }
}
