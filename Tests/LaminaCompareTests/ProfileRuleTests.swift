import Foundation
import Lamina
import LaminaGraph
import LaminaTensor
import Testing
@testable import LaminaCompare

/// Each profile's initial parameters follow its written rules (sample
/// statistics against the formula's std or bound, stacked vs per-gate fans, biases).
@Suite struct ProfileRuleTests {
    let d = 32, h = 64
    let gates: [LSTMGate] = [.ingate, .forgetgate, .cell, .outgate]

    func uniformStd(_ bound: Double) -> Double { bound / 3.0.squareRoot() }

    @Test func registryListsEveryProfileAndRejectsUnknownNames() throws {
        let names = ProfileRegistry.all.map(\.name)
        #expect(names == ["lasagne", "keras1.0", "keras1.2", "keras2", "keras3", "pytorch", "torch7-lstm", "torch7-seqlstm", "tf0", "tf1",
                          "blocks", "theano-tutorial", "mxnet-gluon", "chainer", "flax"])
        #expect(Set(names).count == names.count)
        #expect(throws: ProfileError.unknownProfile("nope", known: names)) { try ProfileRegistry.named("nope") }
        #expect("\(ProfileError.unknownProfile("nope", known: names))".contains("keras2, keras3"))
        for p in ProfileRegistry.all { #expect(!p.source.isEmpty && !p.rules.isEmpty && !p.library.isEmpty) }
    }

    @Test func everyProfileBuildsEveryCell() throws {
        for p in ProfileRegistry.all {
            for cell in InitProfile.cells { _ = try buildLayer(p.name, cell, d: 5, h: 6) }
        }
        #expect(throws: ProfileError.unknownCell("lstmx")) { try buildLayer("keras2", "lstmx", d: 5, h: 6) }
    }

    @Test func kerasOnePerGateGlorotAndOrthogonalTimesOnePointOne() throws {
        let v = try lstmValues("keras1.0", d: d, h: h)
        let bound = (6.0 / Double(d + h)).squareRoot()
        let s = Stats(gates.map { v[$0]!.input })
        #expect(s.maxAbs <= bound && Swift.abs(s.std - uniformStd(bound)) < 0.03 * uniformStd(bound))
        for g in gates { #expect(try orthogonalityError(v[g]!.hidden, scale: 1.21) < 1e-9) }
        #expect(Stats(v[.forgetgate]!.bias).mean == 1 && Stats(v[.ingate]!.bias).maxAbs == 0)
    }

    @Test func kerasOnePointTwoBugUsesGlorotForRecurrentWeights() throws {
        let v = try lstmValues("keras1.2", d: d, h: h)
        let bound = (3.0 / Double(h)).squareRoot()
        let s = Stats(gates.map { v[$0]!.hidden })
        #expect(s.maxAbs <= bound && Swift.abs(s.std - uniformStd(bound)) < 0.03 * uniformStd(bound))
        let rnn = try buildLayer("keras1.2", "rnn", d: d, h: h) as! RecurrentLayer
        #expect(try orthogonalityError((rnn.W_hid_to_hid as! Shared).value, scale: 1.21) < 1e-9)
    }

    @Test func kerasTwoDrawsStackedMatrices() throws {
        for p in ["keras2", "keras3"] {
            let v = try lstmValues(p, d: d, h: h)
            let bound = (6.0 / Double(d + 4 * h)).squareRoot()
            let s = Stats(gates.map { v[$0]!.input })
            #expect(s.maxAbs <= bound && Swift.abs(s.std - uniformStd(bound)) < 0.03 * uniformStd(bound))
            // (H, 4H) with orthonormal rows: the gate blocks share the identity, each gets about a quarter.
            let stacked = try NDArray.concatenate(gates.map { v[$0]!.hidden }, axis: 1)
            #expect(try orthogonalityError(stacked, scale: 1) < 1e-9)
            #expect(try orthogonalityError(v[.forgetgate]!.hidden, scale: 1) > 0.3)
            #expect(Stats(v[.forgetgate]!.bias).mean == 1 && Stats(v[.cell]!.bias).maxAbs == 0)
        }
        #expect(try gruLayer("keras2", d: d, h: h).resetPlacement == .beforeProduct)
        #expect(try gruLayer("keras3", d: d, h: h).resetPlacement == .afterProductWithHiddenBias)
    }

    @Test func pytorchUsesOneOverRootHEverywhereAndSummedBiases() throws {
        let v = try lstmValues("pytorch", d: d, h: h)
        let bound = 1 / Double(h).squareRoot()
        for kind in [gates.map { v[$0]!.input }, gates.map { v[$0]!.hidden }] {
            let s = Stats(kind)
            #expect(s.maxAbs <= bound && Swift.abs(s.std - uniformStd(bound)) < 0.03 * uniformStd(bound))
        }
        let b = Stats(gates.map { v[$0]!.bias })
        #expect(b.maxAbs <= 2 * bound && b.maxAbs > bound && Swift.abs(b.std - (2.0 / 3).squareRoot() * bound) < 0.15 * bound)
        let gru = try gruLayer("pytorch", d: d, h: h)
        #expect(gru.resetPlacement == .afterProductWithHiddenBias && gru.updateForm == .gateOnPrevious)
        #expect(Stats((gru.b_hid_to_hidden_update as! Shared).value).maxAbs > 0)
    }

    @Test func tensorFlowJointKernelsAndForgetBias() throws {
        for (p, bound) in [("tf0", (3.0 / Double(d + h)).squareRoot()), ("tf1", (6.0 / Double(d + 5 * h)).squareRoot())] {
            let v = try lstmValues(p, d: d, h: h)
            let s = Stats(gates.flatMap { [v[$0]!.input, v[$0]!.hidden] })
            #expect(s.maxAbs <= bound && Swift.abs(s.std - uniformStd(bound)) < 0.03 * uniformStd(bound))
            #expect(Stats(v[.forgetgate]!.bias).mean == 1 && Stats(v[.outgate]!.bias).maxAbs == 0)
            let profile = try ProfileRegistry.named(p)
            #expect(profile.rules.contains("forget_bias"))
        }
        let gru = try gruLayer("tf1", d: d, h: h).gates.values()
        let gateBound = (6.0 / Double(d + 3 * h)).squareRoot(), candBound = (6.0 / Double(d + 2 * h)).squareRoot()
        #expect(Stats(gru[.resetgate]!.hidden).maxAbs <= gateBound && Stats(gru[.hiddenUpdate]!.hidden).maxAbs > gateBound)
        #expect(Stats(gru[.hiddenUpdate]!.input).maxAbs <= candBound)
        #expect(Stats(gru[.resetgate]!.bias).mean == 1 && Stats(gru[.updategate]!.bias).mean == 1 && Stats(gru[.hiddenUpdate]!.bias).maxAbs == 0)
    }

    @Test func lasagneBlocksAndMXNetFixedScales() throws {
        for (p, std) in [("lasagne", 0.1), ("blocks", 0.01)] {
            let layer = try buildLayer(p, "lstm", d: d, h: h) as! LSTMLayer
            let v = try layer.gates.values()
            let s = Stats(gates.flatMap { [v[$0]!.input, v[$0]!.hidden] })
            #expect(Swift.abs(s.std - std) < 0.03 * std && Swift.abs(s.mean) < 0.05 * std)
            #expect(layer.W_cell_to_forgetgate != nil && Stats(v[.forgetgate]!.bias).maxAbs == 0)
            #expect(layer.options.learnInit == (p == "blocks"))
        }
        #expect(try gruLayer("lasagne", d: d, h: h).resetPlacement == .afterProduct)
        let m = try lstmValues("mxnet-gluon", d: d, h: h)
        let s = Stats(gates.flatMap { [m[$0]!.input, m[$0]!.hidden] })
        #expect(s.maxAbs <= 0.07 && Swift.abs(s.std - uniformStd(0.07)) < 0.03 * uniformStd(0.07))
        #expect(Stats(gates.map { m[$0]!.bias }).maxAbs == 0)
    }

    @Test func torchSevenProfiles() throws {
        let layer = try buildLayer("torch7-lstm", "lstm", d: d, h: h) as! LSTMLayer
        let v = try layer.gates.values()
        #expect(Stats(gates.map { v[$0]!.input }).maxAbs <= 1 / Double(d).squareRoot())
        #expect(Stats(gates.map { v[$0]!.input }).maxAbs > 1 / Double(h).squareRoot())
        #expect(Stats(gates.map { v[$0]!.hidden }).maxAbs <= 1 / Double(h).squareRoot())
        #expect(layer.W_cell_to_ingate != nil)
        let seq = try lstmValues("torch7-seqlstm", d: d, h: h)
        let std = 1 / Double(d + h).squareRoot()
        #expect(Swift.abs(Stats(gates.flatMap { [seq[$0]!.input, seq[$0]!.hidden] }).std - std) < 0.03 * std)
        #expect(Stats(seq[.forgetgate]!.bias).mean == 1)
        #expect(Stats(try gruLayer("torch7-seqlstm", d: d, h: h).gates.values()[.updategate]!.bias).mean == 1)
    }

    @Test func chainerFlaxAndTheanoTutorial() throws {
        let c = try lstmValues("chainer", d: d, h: h)
        let si = 1 / Double(d).squareRoot(), sh = 1 / Double(h).squareRoot()
        #expect(Swift.abs(Stats(gates.map { c[$0]!.input }).std - si) < 0.03 * si)
        #expect(Swift.abs(Stats(gates.map { c[$0]!.hidden }).std - sh) < 0.03 * sh)
        #expect(Stats(c[.forgetgate]!.bias).mean == 1)
        let f = try lstmValues("flax", d: d, h: h)
        let fi = Stats(gates.map { f[$0]!.input })
        #expect(Swift.abs(fi.std - si) < 0.04 * si && fi.maxAbs <= 2 * si / 0.87962566103423978 + 1e-12)
        for g in gates { #expect(try orthogonalityError(f[g]!.hidden, scale: 1) < 1e-9) }
        #expect(Stats(f[.forgetgate]!.bias).maxAbs == 0)
        let t = try lstmValues("theano-tutorial", d: h, h: h)
        for g in gates { #expect(try orthogonalityError(t[g]!.hidden, scale: 1) < 1e-9 && orthogonalityError(t[g]!.input, scale: 1) < 1e-9) }
    }

    @Test func libraryActivationsOnlyWithLibraryDefaults() throws {
        let input = try InputLayer(shape: [nil, nil, 3])
        let keras = try ProfileRegistry.named("keras2")
        let plain = try keras.makeLayer(cell: "lstm", incoming: input, units: 4) as! LSTMLayer
        let lib = try keras.makeLayer(cell: "lstm", incoming: input, units: 4, libraryDefaults: true) as! LSTMLayer
        #expect(plain.forgetgate.nonlinearity.name == "sigmoid")
        #expect(lib.forgetgate.nonlinearity.name != "sigmoid")
        let rnn = try ProfileRegistry.named("lasagne").makeLayer(cell: "rnn", incoming: input, units: 4, libraryDefaults: true) as! RecurrentLayer
        #expect(rnn.nonlinearity?.name == "rectify")
    }
}
