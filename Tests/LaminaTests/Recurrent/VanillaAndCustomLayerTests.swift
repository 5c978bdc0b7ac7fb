import Foundation
import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina
import LaminaTestSupport

@Suite("Recurrent: RecurrentLayer and CustomRecurrentLayer")
struct RecurrentVanillaAndCustomTests {
    typealias Flags = RecurrentData.Flags
    let n = RecurrentData.units

    func rnn(_ flags: Flags, nonlinearity: Nonlinearity = .tanh, seed: UInt64 = 7) throws -> (RecurrentLayer, [Expr: NDArray]) {
        try LayerDefaults.using(floatX: .float64, seed: seed) {
            let (input, mask, feeds) = try RecurrentData.inputs(flags)
            let layer = try RecurrentLayer(incoming: input, units: n, W_in_to_hid: Normal(std: 0.7), W_hid_to_hid: Normal(std: 0.7),
                                           b: Normal(std: 0.5), nonlinearity: nonlinearity, hidInit: .value(Normal(std: 0.5)),
                                           mask: mask, options: flags.options, name: "rnn")
            return (layer, feeds)
        }
    }

    func reference(_ layer: RecurrentLayer, _ feeds: [Expr: NDArray], _ flags: Flags, activation: @escaping (Double) -> Double = Foundation.tanh) -> (perStep: [[Double]], final: [[Double]]) {
        let mask = layer.maskIndex.map { feeds[(layer.inputLayers[$0] as! InputLayer).inputVar]! }
        let x = feeds[(layer.inputLayers[0] as! InputLayer).inputVar]!
        let (w, u, b) = (paramValues(layer.W_in_to_hid), paramValues(layer.W_hid_to_hid), paramValues(layer.b))
        return RecurrentReference.run(x: x, mask: mask, backwards: flags.backwards,
                             initial: [RecurrentReference.repeated(paramValues(layer.initialStateParams[0]), batch: RecurrentData.batch)]) { x, s in
            [RecurrentReference.rnnStep(x: x, h: s[0], input: w, hidden: u, bias: b, units: n, activation: activation)]
        }
    }

    @Test(arguments: RecurrentData.flagCases)
    func vanillaMatchesTheReference(flags: Flags) throws {
        let (layer, feeds) = try rnn(flags)
        let (values, shape) = RecurrentData.expected(reference(layer, feeds, flags), state: 0, flags: flags)
        expectClose(try output(of: layer).eval(feeds), values, shape: shape, absolute: 1e-12, relative: 1e-10)
    }

    @Test func vanillaWithLasagnesRectifyDefault() throws {
        let (layer, feeds) = try rnn(Flags(masked: true), nonlinearity: .rectify)
        let (values, shape) = RecurrentData.expected(reference(layer, feeds, Flags(masked: true), activation: RecurrentReference.rectify), state: 0, flags: Flags(masked: true))
        expectClose(try output(of: layer).eval(feeds), values, shape: shape, absolute: 1e-12, relative: 1e-10)
    }

    @Test func vanillaParametersFollowLasagne() throws {
        let (layer, _) = try rnn(Flags())
        #expect(layer.params.map { $0.expr.name ?? "?" } == ["rnn.hid_init", "rnn.input_to_hidden.W", "rnn.input_to_hidden.b", "rnn.hidden_to_hidden.W"])
        #expect(layer.params.map(\.tags) == [[], .weight, .bias, .weight])
        #expect(allParams(of: layer).count == 4 && allParams(of: layer, tags: [.trainable]).count == 3)
        try LayerDefaults.using(floatX: .float64, seed: 1) {
            let defaults = try RecurrentLayer(incoming: try InputLayer(shape: [nil, nil, 3]), units: 4)
            #expect(defaults.nonlinearity?.name == "rectify")
            #expect(paramValues(defaults.W_hid_to_hid).allSatisfy { Swift.abs($0) <= 0.01 })
        }
    }

    @Test func featureAxesAreFlattened() throws {
        try LayerDefaults.using(floatX: .float64, seed: 2) {
            let input = try InputLayer(shape: [nil, 3, 2, 2], dtype: .float64)
            let layer = try RecurrentLayer(incoming: input, units: 2, W_in_to_hid: Normal(std: 0.5), nonlinearity: .tanh)
            #expect(layer.W_in_to_hid.shape == [4, 2])
            let x = RecurrentData.normal([2, 3, 2, 2], seed: 4)
            let y = try output(of: layer).eval([input.inputVar: x])
            let flat = try x.reshaped([2, 3, 4])
            let ref = RecurrentReference.run(x: flat, initial: [RecurrentReference.repeated([0, 0], batch: 2)]) { x, s in
                [RecurrentReference.rnnStep(x: x, h: s[0], input: paramValues(layer.W_in_to_hid), hidden: paramValues(layer.W_hid_to_hid), bias: paramValues(layer.b), units: 2, activation: Foundation.tanh)]
            }
            expectClose(y, ref.perStep[0], shape: [2, 3, 2], absolute: 1e-12, relative: 1e-10)
        }
    }

    /// A custom cell: f_in = tanh(Dense), f_hid = Dense → scaled (a two-layer sub-network).
    func custom(_ flags: Flags) throws -> (CustomRecurrentLayer, [Expr: NDArray], [DenseLayer]) {
        try LayerDefaults.using(floatX: .float64, seed: 9) {
            let (input, mask, feeds) = try RecurrentData.inputs(flags)
            let stepInput = try InputLayer(shape: [nil, RecurrentData.features], dtype: .float64, name: "step_x")
            let inner = try DenseLayer(incoming: stepInput, units: 3, W: Normal(std: 0.7), b: Normal(std: 0.5), nonlinearity: .tanh, name: "in1")
            let inToHid = try DenseLayer(incoming: inner, units: n, W: Normal(std: 0.7), b: nil, nonlinearity: nil, name: "in2")
            let hidInput = try InputLayer(shape: [nil, n], dtype: .float64, name: "step_h")
            let hidToHid = try DenseLayer(incoming: hidInput, units: n, W: Normal(std: 0.7), b: Normal(std: 0.5), nonlinearity: nil, name: "hid")
            let layer = try CustomRecurrentLayer(incoming: input, inputToHidden: inToHid, hiddenToHidden: hidToHid, nonlinearity: .tanh,
                                                 hidInit: .value(Normal(std: 0.5)), mask: mask, options: flags.options, name: "custom")
            return (layer, feeds, [inner, inToHid, hidToHid])
        }
    }

    @Test(arguments: RecurrentData.flagCases)
    func customMatchesTheReference(flags: Flags) throws {
        let (layer, feeds, dense) = try custom(flags)
        let mask = layer.maskIndex.map { feeds[(layer.inputLayers[$0] as! InputLayer).inputVar]! }
        let x = feeds[(layer.inputLayers[0] as! InputLayer).inputVar]!
        let ref = RecurrentReference.run(x: x, mask: mask, backwards: flags.backwards,
                                initial: [RecurrentReference.repeated(paramValues(layer.initialStateParams[0]), batch: RecurrentData.batch)]) { x, s in
            let a = RecurrentReference.add(RecurrentReference.product(x, paramValues(dense[0].W), columns: 3), paramValues(dense[0].b)).map(Foundation.tanh)
            let fin = RecurrentReference.product(a, paramValues(dense[1].W), columns: n)
            let fhid = RecurrentReference.add(RecurrentReference.product(s[0], paramValues(dense[2].W), columns: n), paramValues(dense[2].b))
            return [RecurrentReference.add(fin, fhid).map(Foundation.tanh)]
        }
        let (values, shape) = RecurrentData.expected(ref, state: 0, flags: flags)
        expectClose(try output(of: layer).eval(feeds), values, shape: shape, absolute: 1e-12, relative: 1e-10)
    }

    @Test func customCollectsTheSubNetworksParameters() throws {
        let (layer, _, dense) = try custom(Flags())
        #expect(layer.params.map { $0.expr.name ?? "?" } == ["custom.hid_init", "in2.W", "in1.W", "in1.b", "hid.W", "hid.b"])
        let collected = allParams(of: layer)
        #expect(collected.map(\.name) == ["custom.hid_init", "in2.W", "in1.W", "in1.b", "hid.W", "hid.b"])
        #expect(allParams(of: layer, tags: [.regularizable]).map { $0 as Expr } == [dense[1].W, dense[0].W, dense[2].W])
        #expect(allParams(of: layer, tags: [.trainable]).count == 5)
        // The sub-networks' parameters keep their own layer annotations.
        #expect(dense[0].W.annotations[Role.layerKey] == "in1")
    }

    @Test func customUnfoldsStepsKnownOnlyAtRunTime() throws {
        // precomputeInput with an unknown number of steps folds (steps·batch) and unfolds through a template.
        try LayerDefaults.using(floatX: .float64, seed: 9) {
            let input = try InputLayer(shape: [nil, nil, 3], dtype: .float64)
            let stepInput = try InputLayer(shape: [nil, 3], dtype: .float64)
            let inToHid = try DenseLayer(incoming: stepInput, units: 2, W: Normal(std: 0.7), nonlinearity: .tanh)
            let hidToHid = try DenseLayer(incoming: try InputLayer(shape: [nil, 2], dtype: .float64), units: 2, W: Normal(std: 0.7), b: nil, nonlinearity: nil)
            let layer = try CustomRecurrentLayer(incoming: input, inputToHidden: inToHid, hiddenToHidden: hidToHid)
            let x = RecurrentData.input(steps: 5)
            let ref = RecurrentReference.run(x: x, initial: [RecurrentReference.repeated([0, 0], batch: 2)]) { x, s in
                let fin = RecurrentReference.add(RecurrentReference.product(x, paramValues(inToHid.W), columns: 2), paramValues(inToHid.b)).map(Foundation.tanh)
                return [RecurrentReference.add(fin, RecurrentReference.product(s[0], paramValues(hidToHid.W), columns: 2)).map(RecurrentReference.rectify)]
            }
            expectClose(try output(of: layer).eval([input.inputVar: x]), ref.perStep[0], shape: [2, 5, 2], absolute: 1e-12, relative: 1e-10)
        }
    }

    @Test func customRefusesMismatchedSubNetworks() throws {
        let input = try InputLayer(shape: [nil, nil, 3])
        let stepInput = try InputLayer(shape: [nil, 3])
        let inToHid = try DenseLayer(incoming: stepInput, units: 2)
        let hidToHid = try DenseLayer(incoming: try InputLayer(shape: [nil, 2]), units: 2)
        let wrongHid = try DenseLayer(incoming: try InputLayer(shape: [nil, 3]), units: 3)
        let wrongIn = try DenseLayer(incoming: try InputLayer(shape: [nil, 4]), units: 2)
        #expect(message { _ = try CustomRecurrentLayer(incoming: input, inputToHidden: inToHid, hiddenToHidden: wrongHid, name: "c") }
            .contains("inputToHidden outputs (?, 2) but hiddenToHidden outputs (?, 3)"))
        #expect(message { _ = try CustomRecurrentLayer(incoming: input, inputToHidden: wrongIn, hiddenToHidden: hidToHid, name: "c") }
            .contains("do not fit inputToHidden's input layer"))
        let twoInputs = try ElemwiseSumLayer(incomings: [inToHid, try DenseLayer(incoming: try InputLayer(shape: [nil, 3]), units: 2)])
        #expect(message { _ = try CustomRecurrentLayer(incoming: input, inputToHidden: twoInputs, hiddenToHidden: hidToHid, name: "c") }
            .contains("exactly one InputLayer, found 2"))
    }
}
