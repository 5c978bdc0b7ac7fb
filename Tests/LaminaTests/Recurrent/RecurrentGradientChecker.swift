import Testing
import LaminaTensor
import LaminaGraph

/// Finite-difference check, in float64, of the gradients of `output` with
/// respect to shared parameters and the chosen input placeholders only
/// (masks and other inputs in `feeds` are held fixed); see ``checkGradients(of:wrt:inputs:feeds:differentiateInputs:epsilon:tolerance:sourceLocation:)``.
func checkRecurrentGradients(
    of output: Expr, wrt params: [Shared], inputs differentiated: [Expr], feeds: [Expr: NDArray],
    epsilon: Double = 1e-6, tolerance: Double = 1e-6, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    try checkGradients(of: output, wrt: params, inputs: differentiated, feeds: feeds, epsilon: epsilon, tolerance: tolerance,
                       sourceLocation: sourceLocation)
}
