import Testing
import LaminaTensor
import LaminaGraph
import Lamina

/// Runs `body` with float64 parameters and a fixed seed (isolated per test).
func float64<R>(seed: UInt64 = 1, _ body: () throws -> R) rethrows -> R {
    try LayerDefaults.using(floatX: .float64, seed: seed, body)
}

/// Evaluates `expr`, feeding `feeds`.
func evaluate(_ expr: Expr, _ feeds: [Expr: NDArray] = [:]) throws -> NDArray {
    try expr.eval(feeds)
}

/// The message of an error, for checking that it names what is wrong.
func message(of body: () throws -> Void) -> String {
    do { try body() } catch { return String(describing: error) }
    return "no error"
}
