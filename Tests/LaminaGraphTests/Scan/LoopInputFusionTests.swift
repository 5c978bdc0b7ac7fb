import Foundation
import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// `fuseLoopInputProjections`: a precomputed input projection S = X·W + b
/// with few features becomes part of the loop's recurrent product,
/// [x_t, h]·[W; U] + b, with the same bits as the two GEMMs it replaces.
@Suite struct LoopInputFusionTests {
    let steps = 7, batch = 18, h = 16

    let unfused = try! CompileOptions().switchingOff(["fuseLoopInputProjections"])

    /// An LSTM-like loop over a precomputed projection (three gates of `h` units sliced out of
    /// s_t + h·U, as Lasagne's layers build it), trained one step by gradient descent: the loss,
    /// the states, and the parameters after each of two steps. `usesProductElsewhere` also returns
    /// X·W itself; `backwards` runs the loop from the last step.
    func training(inputs: Int, options: CompileOptions, usesProductElsewhere: Bool = false,
                  backwards: Bool = false) throws -> (f: Function, values: [[Double]]) {
        var rng = RandomGenerator(seed: 31)
        let xv = rng.normal(shape: [steps, batch, inputs])
        let W = Shared(rng.normal(shape: [inputs, 3 * h], std: 0.4), name: "W")
        let U = Shared(rng.normal(shape: [h, 3 * h], std: 0.3), name: "U"), b = Shared(rng.normal(shape: [3 * h]), name: "b")
        let x = Expr.input("x", shape: [steps, nil, inputs])
        let projection = try x.dot(W)
        let sequence = try projection + b
        let zeros = try x.subtensor([.index(0)]).dot(Expr.constant(NDArray(zeros: [inputs, h])))
        let result = try scan(sequences: [sequence], initialStates: [zeros, zeros], goBackwards: backwards) { ss, s, _ in
            (states: try GatedLoopFixture.step(gates: try ss[0] + s[1].dot(U), states: s, units: h), outputs: [])
        }
        let loss = try result.finalStates[1].square().sum() + result.states[0].mean()
        let (f, values) = try GatedLoopFixture.trainTwice(loss: loss, outputs: [result.states[1]] + (usesProductElsewhere ? [projection] : []),
                                                          parameters: [W, U, b], input: x, value: xv, options: options)
        return (f, values)
    }

    func fusedForwardBody(_ f: Function) -> Bool {
        f.loopBodySteps.contains { body in
            body.contains("concatenate{axis=1}") && body.filter { $0.hasPrefix("packed_dot") && $0.hasSuffix(", row}") }.count == 3
        }
    }

    @Test(arguments: [false, true])
    func aTrainingStepGivesTheSameBitsFusedOrNot(backwards: Bool) throws {
        let fused = try training(inputs: 3, options: .default, backwards: backwards)
        let plain = try training(inputs: 3, options: unfused, backwards: backwards)
        #expect(fusedForwardBody(fused.f), "\(fused.f.loopBodySteps)")
        #expect(!fusedForwardBody(plain.f), "\(plain.f.loopBodySteps)")
        #expect(fused.f.compileTrace[pass: "fuseLoopInputProjections"]!.changedGraph)
        // Not one product over all steps before the loop: the only products outside loops are the weight gradients.
        #expect(fused.f.steps.filter { $0.hasPrefix("gemm{NN}") }.isEmpty, "\(fused.f.steps)")
        #expect(plain.f.steps.contains { $0.hasPrefix("gemm{NN}") }, "\(plain.f.steps)")
        #expect(fused.values.count == plain.values.count)
        for (k, (a, e)) in zip(fused.values, plain.values).enumerated() {
            #expect(a.map(\.bitPattern) == e.map(\.bitPattern), "value \(k)")
        }
    }

    @Test func theFusedLoopAgreesWithALoopWithoutPackedProducts() throws {
        var none = CompileOptions()
        none.packLoopWeights = false
        let fused = try training(inputs: 2, options: .default)
        let reference = try training(inputs: 2, options: none)
        #expect(fusedForwardBody(fused.f))
        for (a, e) in zip(fused.values, reference.values) { expectClose(a, e, absolute: 2e-5, relative: 2e-5) }
    }

    @Test func deepInputsAProductUsedElsewhereAndUnpackedLoopsAreLeftAlone() throws {
        // 17 features, beyond the limit of 16
        #expect(!fusedForwardBody(try training(inputs: 17, options: .default).f))
        #expect(fusedForwardBody(try training(inputs: 16, options: .default).f))
        // X·W is also an output: its products would not have been one GEMM with b
        let shared = try training(inputs: 3, options: .default, usesProductElsewhere: true).f
        #expect(!fusedForwardBody(shared))
        #expect(shared.compileTrace[pass: "fuseLoopInputProjections"]!.changedGraph == false)
        // Without packed loop weights there is no packed product to extend: the pass does not run.
        var unpacked = CompileOptions()
        unpacked.packLoopWeights = false
        let f = try training(inputs: 3, options: unpacked).f
        #expect(f.compileTrace[pass: "fuseLoopInputProjections"]!.ran == false)
    }

    @Test func aSliceUsedOtherwiseThanAddedToTheRecurrentProductIsLeftAlone() throws {
        // A GRU-like candidate: the slice's columns are added after a gate multiplies the recurrent product.
        var rng = RandomGenerator(seed: 3)
        let W = Shared(rng.normal(shape: [2, h], std: 0.4), name: "W"), U = Shared(rng.normal(shape: [h, h], std: 0.3), name: "U")
        let b = Shared(rng.normal(shape: [h]), name: "b")
        let x = Expr.input("x", shape: [steps, batch, 2])
        let result = try scan(sequences: [try x.dot(W) + b], initialStates: [Expr.constant(NDArray(zeros: [batch, h]))]) { ss, s, _ in
            (states: [try (ss[0] + s[0].dot(U).sigmoid() * s[0]).tanh()], outputs: [])
        }
        let f = try function(inputs: [x], outputs: [result.finalStates[0]])
        #expect(f.compileTrace[pass: "fuseLoopInputProjections"]!.changedGraph == false)
        #expect(!f.loopBodySteps.joined().contains("concatenate{axis=1}"), "\(f.loopBodySteps)")
    }
}
