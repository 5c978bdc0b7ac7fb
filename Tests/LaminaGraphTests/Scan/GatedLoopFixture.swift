import LaminaTensor
import LaminaGraph

/// Shared pieces of the LSTM-like loops the loop-rewrite tests compile.
enum GatedLoopFixture {
    /// One step of a three-gate cell from its pre-activations `gates` (batch, 3·units) and the states
    /// (c, h): c′ = σ(g₀)·c + tanh(g₁), h′ = σ(g₂)·tanh(c′). The gates are column slices, as a layer's are.
    static func step(gates: Expr, states: [Expr], units h: Int) throws -> [Expr] {
        func gate(_ k: Int) throws -> Expr { try gates.subtensor([.all, .range(k * h, (k + 1) * h)]) }
        let c = try gate(0).sigmoid() * states[0] + gate(1).tanh()
        return [c, try gate(2).sigmoid() * c.tanh()]
    }

    /// Compiles `loss` (with `outputs` after it) and one gradient-descent update of `parameters` (rate 0.1),
    /// runs it twice on `input`, and returns the function and, per call, its outputs and the parameters.
    static func trainTwice(loss: Expr, outputs: [Expr], parameters: [Shared], input: Expr, value: NDArray,
                           options: CompileOptions) throws -> (f: Function, values: [[Double]]) {
        let gradients = try grad(loss, wrt: parameters)
        let f = try function(inputs: [input], outputs: [loss] + outputs,
                             updates: try zip(parameters, gradients).map { ($0, try $0 - $1 * 0.1) }, options: options)
        var values: [[Double]] = []
        for _ in 0..<2 {
            values += try f(value).map(\.doubles)
            values += parameters.map(\.value.doubles)
        }
        return (f, values)
    }
}
