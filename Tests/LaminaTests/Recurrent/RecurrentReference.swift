import Foundation
import LaminaTensor
@testable import Lamina

/// A plain-Swift reference of the recurrent cells, written from the formulas
/// in the layers' documentation with scalar loops over Double arrays (no
/// engine), used as independent numbers for the layers' outputs.
enum RecurrentReference {
    static func sigmoid(_ x: Double) -> Double { 1 / (1 + Foundation.exp(-x)) }
    static func hardSigmoid(_ x: Double) -> Double { Swift.min(1, Swift.max(0, 0.2 * x + 0.5)) }
    static func rectify(_ x: Double) -> Double { Swift.max(0, x) }

    /// x·W for a vector x (k) and a row-major matrix W (k, n).
    static func product(_ x: [Double], _ W: [Double], columns n: Int) -> [Double] {
        var y = [Double](repeating: 0, count: n)
        for i in x.indices { for j in 0..<n { y[j] += x[i] * W[i * n + j] } }
        return y
    }

    static func add(_ a: [Double], _ b: [Double]) -> [Double] { zip(a, b).map { $0 + $1 } }
    static func mul(_ a: [Double], _ b: [Double]) -> [Double] { zip(a, b).map { $0 * $1 } }

    /// One gate's weights: input (features, units), hidden (units, units), bias, optional peephole.
    struct GateWeights {
        var input: [Double], hidden: [Double], bias: [Double], peephole: [Double]?
    }

    /// The weights of each gate of a layer, read from its parameters.
    static func weights<Name: GateName>(_ gates: GateParameters<Name>) throws -> [Name: GateWeights] {
        try gates.values().mapValues { GateWeights(input: $0.input.doubles, hidden: $0.hidden.doubles, bias: $0.bias.doubles, peephole: nil) }
    }

    /// One LSTM step for one sample: returns (c, h).
    static func lstmStep(x: [Double], c: [Double], h: [Double], gates: [LSTMGate: GateWeights], units n: Int,
                         gateActivation: (Double) -> Double = sigmoid, cellActivation: (Double) -> Double = Foundation.tanh,
                         outputActivation: (Double) -> Double = Foundation.tanh) -> (c: [Double], h: [Double]) {
        func pre(_ g: LSTMGate) -> [Double] {
            let w = gates[g]!
            return add(add(product(x, w.input, columns: n), product(h, w.hidden, columns: n)), w.bias)
        }
        var i = pre(.ingate), f = pre(.forgetgate), o = pre(.outgate)
        if let p = gates[.ingate]!.peephole { i = add(i, mul(c, p)) }
        if let p = gates[.forgetgate]!.peephole { f = add(f, mul(c, p)) }
        i = i.map(gateActivation); f = f.map(gateActivation)
        let g = pre(.cell).map(cellActivation)
        let cNew = add(mul(f, c), mul(i, g))
        if let p = gates[.outgate]!.peephole { o = add(o, mul(cNew, p)) }
        o = o.map(gateActivation)
        return (cNew, mul(o, cNew.map(outputActivation)))
    }

    /// One GRU step for one sample.
    static func gruStep(x: [Double], h: [Double], gates: [GRUGate: GateWeights], units n: Int, placement: GRUResetPlacement,
                        form: GRUUpdateForm, hiddenBias: [Double]? = nil, gateActivation: (Double) -> Double = sigmoid) -> [Double] {
        func xPart(_ g: GRUGate) -> [Double] { add(product(x, gates[g]!.input, columns: n), gates[g]!.bias) }
        func hPart(_ g: GRUGate, _ v: [Double]) -> [Double] { product(v, gates[g]!.hidden, columns: n) }
        let r = add(xPart(.resetgate), hPart(.resetgate, h)).map(gateActivation)
        let u = add(xPart(.updategate), hPart(.updategate, h)).map(gateActivation)
        let reset: [Double]
        switch placement {
        case .beforeProduct: reset = hPart(.hiddenUpdate, mul(r, h))
        case .afterProduct: reset = mul(r, hPart(.hiddenUpdate, h))
        case .afterProductWithHiddenBias: reset = mul(r, add(hPart(.hiddenUpdate, h), hiddenBias!))
        }
        let c = add(xPart(.hiddenUpdate), reset).map(Foundation.tanh)
        var next = [Double](repeating: 0, count: n)
        for j in 0..<n {
            let keep: Double = form == .gateOnCandidate ? 1 - u[j] : u[j]
            next[j] = keep * h[j] + (1 - keep) * c[j]
        }
        return next
    }

    /// One vanilla step: σ(x·W_in + b + h·W_hid).
    static func rnnStep(x: [Double], h: [Double], input: [Double], hidden: [Double], bias: [Double], units n: Int,
                        activation: (Double) -> Double) -> [Double] {
        add(add(product(x, input, columns: n), bias), product(h, hidden, columns: n)).map(activation)
    }

    /// Runs a cell over x (batch, steps, features) with an optional mask
    /// (batch, steps): on a step whose mask is 0 the states are carried.
    /// Returns, per state, its values (batch, steps, units) aligned with the
    /// input, and its values after the last iteration (batch, units).
    static func run(x: NDArray, mask: NDArray? = nil, backwards: Bool = false, initial: [[[Double]]],
                    step: ([Double], [[Double]]) -> [[Double]]) -> (perStep: [[Double]], final: [[Double]]) {
        let (batch, steps, features) = (x.shape[0], x.shape[1], x.shape[2])
        let xs = x.doubles, ms = mask?.doubles
        let stateCount = initial.count
        var perStep = [[Double]](repeating: [], count: stateCount)
        var final = [[Double]](repeating: [], count: stateCount)
        var grid = [[[[Double]]]](repeating: [[[Double]]](repeating: [], count: steps), count: batch)   // [b][t][state]
        for b in 0..<batch {
            var states = initial.map { $0[b] }
            for i in 0..<steps {
                let t = backwards ? steps - 1 - i : i
                let xt = Array(xs[(b * steps + t) * features ..< (b * steps + t + 1) * features])
                let next = step(xt, states)
                if ms == nil || ms![b * steps + t] != 0 { states = next }
                grid[b][t] = states
            }
            for k in 0..<stateCount { final[k] += states[k] }
        }
        for k in 0..<stateCount { for b in 0..<batch { for t in 0..<steps { perStep[k] += grid[b][t][k] } } }
        return (perStep, final)
    }

    /// The rows (batch, units) of a (1, units) initial state repeated over the batch.
    static func repeated(_ row: [Double], batch: Int) -> [[Double]] { Array(repeating: row, count: batch) }
}
