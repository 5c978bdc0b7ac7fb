import Foundation
import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina
import LaminaTestSupport

@Suite("Recurrent: AttentionDecoderCell")
struct AttentionDecoderCellTests {
    static let (positions, encoderSize, attention) = (5, 3, 4)
    let n = RecurrentData.units

    struct Model {
        let layer: RecurrenceLayer, cell: AttentionDecoderCell
        let encoder: InputLayer, encoderMask: InputLayer
        let feeds: [Expr: NDArray]
    }

    /// A decoder over the recurrent test inputs, attending to 5 encoder states of which the
    /// second sequence has 3 real ones.
    func model(_ flags: RecurrentData.Flags = RecurrentData.Flags(masked: true)) throws -> Model {
        try LayerDefaults.using(floatX: .float64, seed: 12) {
            let (input, mask, feeds) = try RecurrentData.inputs(flags)
            let encoder = try InputLayer(shape: [nil, Self.positions, Self.encoderSize], dtype: .float64, name: "encoder")
            let encoderMask = try InputLayer(shape: [nil, Self.positions], dtype: .float64, name: "encoder_mask")
            let cell = try AttentionDecoderCell(inputSize: RecurrentData.features, units: n, encoderSize: Self.encoderSize,
                                                attentionUnits: Self.attention, masked: true, v: Normal(std: 0.8), name: "decoder")
            let layer = try RecurrenceLayer(incoming: input, cell: cell, initialStates: [.value(Normal(std: 0.5)), .value(Normal(std: 0.5))],
                                            mask: mask, contexts: [encoder, encoderMask], options: flags.options, name: "decoder")
            var all = feeds
            all[encoder.inputVar] = RecurrentData.normal([RecurrentData.batch, Self.positions, Self.encoderSize], seed: 31)
            all[encoderMask.inputVar] = NDArray([1, 1, 1, 1, 1, 1, 1, 1, 0, 0], shape: [2, 5]).cast(to: .float64)
            return Model(layer: layer, cell: cell, encoder: encoder, encoderMask: encoderMask, feeds: all)
        }
    }

    /// The decoder unrolled by hand from the formulas in the cell's documentation: per state [s, c].
    func reference(_ m: Model, _ flags: RecurrentData.Flags) throws -> (perStep: [[Double]], final: [[Double]]) {
        let gates = try RecurrentReference.weights(m.cell.gru.gates)
        let (Wq, Wk, bk, v) = (paramValues(m.cell.W_query), paramValues(m.cell.W_key), paramValues(m.cell.b_key), paramValues(m.cell.v_attention))
        let E = m.feeds[m.encoder.inputVar]!.doubles, M = m.feeds[m.encoderMask.inputVar]!.doubles
        let (S, He, A) = (Self.positions, Self.encoderSize, Self.attention)
        let x = m.feeds[(m.layer.inputLayers[0] as! InputLayer).inputVar]!
        let mask = m.layer.maskIndex.map { m.feeds[(m.layer.inputLayers[$0] as! InputLayer).inputVar]! }
        // The batch row of each step: run() calls the step for b = 0 first, then b = 1, each over all steps.
        var calls = 0
        let steps = x.shape[1]
        let initial = (0..<2).map { RecurrentReference.repeated(paramValues(m.layer.initialStateParams[$0]), batch: RecurrentData.batch) }
        return RecurrentReference.run(x: x, mask: mask, backwards: flags.backwards, initial: initial) { xt, states in
            let b = calls / steps
            calls += 1
            let s = RecurrentReference.gruStep(x: xt + states[1], h: states[0], gates: gates, units: n, placement: .afterProduct, form: .gateOnCandidate)
            var scores = [Double](repeating: 0, count: S)
            for j in 0..<S {
                for a in 0..<A {
                    var z = bk[a]
                    for i in 0..<n { z += s[i] * Wq[i * A + a] }
                    for k in 0..<He { z += E[(b * S + j) * He + k] * Wk[k * A + a] }
                    scores[j] += v[a] * Foundation.tanh(z)
                }
            }
            let real = (0..<S).filter { M[b * S + $0] != 0 }
            let top = real.map { scores[$0] }.max()!
            let total = real.map { Foundation.exp(scores[$0] - top) }.reduce(0, +)
            var c = [Double](repeating: 0, count: He)
            for j in real { for k in 0..<He { c[k] += Foundation.exp(scores[j] - top) / total * E[(b * S + j) * He + k] } }
            return [s, c]
        }
    }

    @Test(arguments: [RecurrentData.Flags(masked: true), RecurrentData.Flags(), RecurrentData.Flags(masked: true, backwards: true, onlyReturnFinal: true)])
    func statesMatchTheDecoderUnrolledByHand(flags: RecurrentData.Flags) throws {
        let m = try model(flags)
        let context = try RecurrentTapLayer(of: m.layer, role: .attentionContext)
        let outputs = try output(of: [m.layer, context])
        let ref = try reference(m, flags)
        let (h, hShape) = RecurrentData.expected(ref, state: 0, flags: flags)
        expectClose(try outputs[0].eval(m.feeds), h, shape: hShape, absolute: 1e-12, relative: 1e-10)
        let c = flags.onlyReturnFinal ? ref.final[1] : ref.perStep[1]
        expectClose(try outputs[1].eval(m.feeds).doubles, c, absolute: 1e-12, relative: 1e-10)
    }

    @Test func attentionWeightsSumToOneAndSkipPaddedPositions() throws {
        let m = try model()
        let outputs = try m.layer.recurrentOutputs(for: output(of: m.layer.inputLayers), deterministic: false)
        let alpha = try outputs.internals[.attentionWeights]!.eval(m.feeds)   // (batch, steps, positions)
        #expect(alpha.shape == [2, RecurrentData.steps, 5])
        let a = alpha.doubles
        for row in 0..<(2 * RecurrentData.steps) {
            expectClose([a[row * 5 ..< row * 5 + 5].reduce(0, +)], [1], absolute: 1e-14, relative: 0)
        }
        // Sequence 1 has 3 real positions: positions 3 and 4 get exactly 0.
        for t in 0..<RecurrentData.steps { #expect(a[(RecurrentData.steps + t) * 5 + 3] == 0 && a[(RecurrentData.steps + t) * 5 + 4] == 0) }
    }

    /// The tap's `outputShape` is the shape of what it computes: (batch, steps, positions) for α
    /// (5 positions, 2 units, so the old answer (batch, steps, units) differs), (batch, steps, H) for a gate.
    @Test(arguments: [VariableRole.attentionWeights, .updateGate])
    func tapsReportTheShapeTheyCompute(role: VariableRole) throws {
        let m = try model()
        let tap = try RecurrentTapLayer(of: m.layer, role: role)
        let declared = try outputShape(of: tap)
        let computed = try function(inputs: Array(m.feeds.keys), outputs: [output(of: tap)]).call(m.feeds)[0].shape
        let expected = role == .attentionWeights ? [RecurrentData.batch, RecurrentData.steps, Self.positions]
            : [RecurrentData.batch, RecurrentData.steps, n]
        #expect(computed == expected)
        #expect(declared == [nil, RecurrentData.steps, expected[2]])
        #expect(m.layer.internalValueShape(role: role) == [expected[2]])
    }

    /// Step by step, the single step's α has the shape the layer declares for its internal value.
    @Test func oneStepsAttentionWeightsHaveTheDeclaredShape() throws {
        let m = try model(RecurrentData.Flags())
        let input = Expr.input("y", dtype: .float64, shape: [nil, RecurrentData.features])
        let s = Expr.input("s", dtype: .float64, shape: [nil, n]), c = Expr.input("c", dtype: .float64, shape: [nil, Self.encoderSize])
        let next = try m.layer.step(input: input, states: [s, c], contexts: [m.encoder.inputVar, m.encoderMask.inputVar])
        let alpha = try #require(next.internals.first { $0.role == .attentionWeights }?.value)
        let run = try function(inputs: [input, s, c, m.encoder.inputVar, m.encoderMask.inputVar], outputs: [alpha])
        let value = try run.call([input: NDArray(zeros: [2, RecurrentData.features], dtype: .float64), s: NDArray(zeros: [2, n], dtype: .float64),
                                  c: NDArray(zeros: [2, Self.encoderSize], dtype: .float64),
                                  m.encoder.inputVar: m.feeds[m.encoder.inputVar]!, m.encoderMask.inputVar: m.feeds[m.encoderMask.inputVar]!])[0]
        #expect(value.shape == [2] + m.layer.internalValueShape(role: .attentionWeights).map { $0! })
        #expect(value.shape == [2, Self.positions])
    }

    /// A sequence whose encoder positions are all masked attends to nothing: α = 0 and c = 0
    /// (the shared additive scoring's masked softmax), not the uniform 1/5.
    @Test func fullyMaskedEncoderGivesZeroWeightsAndContext() throws {
        var m = try model()
        var feeds = m.feeds
        feeds[m.encoderMask.inputVar] = NDArray([1, 1, 1, 1, 1, 0, 0, 0, 0, 0], shape: [2, 5]).cast(to: .float64)
        m = Model(layer: m.layer, cell: m.cell, encoder: m.encoder, encoderMask: m.encoderMask, feeds: feeds)
        let outputs = try m.layer.recurrentOutputs(for: output(of: m.layer.inputLayers), deterministic: false)
        let alpha = try outputs.internals[.attentionWeights]!.eval(m.feeds).doubles       // (batch, steps, 5)
        let context = try RecurrentTapLayer(of: m.layer, role: .attentionContext)
        let c = try output(of: [m.layer, context])[1].eval(m.feeds).doubles                    // (batch, steps, He)
        let perSequence = RecurrentData.steps * 5
        #expect(alpha[perSequence...].allSatisfy { $0 == 0 })
        #expect(alpha[..<perSequence].contains { $0 > 0 })
        #expect(c[(RecurrentData.steps * Self.encoderSize)...].allSatisfy { $0 == 0 })
    }

    @Test func oneStepAtATimeGivesTheLoopsStates() throws {
        let m = try model(RecurrentData.Flags())
        let x = m.feeds[(m.layer.inputLayers[0] as! InputLayer).inputVar]!
        let loop = try output(of: m.layer).eval(m.feeds).doubles   // (batch, steps, units)
        let input = Expr.input("y", dtype: .float64, shape: [nil, RecurrentData.features])
        let s = Expr.input("s", dtype: .float64, shape: [nil, n]), c = Expr.input("c", dtype: .float64, shape: [nil, Self.encoderSize])
        let next = try m.layer.step(input: input, states: [s, c], contexts: [m.encoder.inputVar, m.encoderMask.inputVar])
        let sample = try function(inputs: [input, s, c, m.encoder.inputVar, m.encoderMask.inputVar], outputs: next.states)
        var states = try m.layer.initialStates(batchLike: input).map { try $0.eval([input: NDArray(zeros: [2, 3], dtype: .float64)]) }
        for t in 0..<RecurrentData.steps {
            states = try sample.call([input: x.slice([.all, .index(t)]), s: states[0], c: states[1],
                                      m.encoder.inputVar: m.feeds[m.encoder.inputVar]!, m.encoderMask.inputVar: m.feeds[m.encoderMask.inputVar]!])
            var expected: [Double] = []
            for b in 0..<2 {
                let first: Int = (b * RecurrentData.steps + t) * n
                expected += loop[first ..< first + n]
            }
            expectClose(states[0].doubles, expected, absolute: 1e-13, relative: 1e-11, "step \(t)")
        }
    }

    @Test func gradientsMatchFiniteDifferences() throws {
        let m = try model()
        let context = try RecurrentTapLayer(of: m.layer, role: .attentionContext)
        let outputs = try output(of: [m.layer, context])
        let params = m.layer.parameters(tags: [.trainable]).map { $0 as! Shared }
        #expect(params.count == 13, "9 GRU weights and biases, W_query, W_key, b_key, v")
        let input = (m.layer.inputLayers[0] as! InputLayer).inputVar
        let both = try outputs[0].sum(axes: [2]) * 0.7 + outputs[1].sum(axes: [2])
        try checkGradients(of: both, wrt: params, inputs: [input, m.encoder.inputVar], feeds: m.feeds)
    }
}
