import Foundation
import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina
import LaminaTestSupport

/// A float64 parameter [1, 1] and a constant gradient g = [0.5, −2].
func parameterAndGradient(_ g: [Double] = [0.5, -2]) -> (Shared, Expr) {
    (Shared(f64([1, 1], [2]), name: "p"), Expr.constant(f64(g, [2])))
}

/// Runs the updates `times` times and returns the parameter's value.
func run(_ updates: [(Shared, Expr)], _ param: Shared, times: Int = 1) throws -> [Double] {
    let step = try function(inputs: [], outputs: [], updates: updates)
    for _ in 0..<times { _ = try step.call([]) }
    return param.value.doubles
}

@Suite("Updates (optimizers)")
struct UpdateTests {
    let g = [0.5, -2.0]

    @Test func sgdFromGradientsAndFromALoss() throws {
        let (p, gradient) = parameterAndGradient()
        expectClose(try run(sgd(.gradients([gradient]), params: [p], learningRate: 0.1), p), [0.95, 1.2], absolute: 1e-9, relative: 1e-9)
        // loss = Σ p·g has gradient g.
        let (q, c) = parameterAndGradient()
        let loss = try (q * c).sum()
        expectClose(try run(sgd(.loss(loss), params: [q], learningRate: 0.1), q, times: 2), [0.9, 1.4], absolute: 1e-9, relative: 1e-9)
    }

    @Test func learningRateMayBeASharedVariable() throws {
        let (p, gradient) = parameterAndGradient()
        let rate = Shared(NDArray(scalar: 0.1), name: "rate")
        let step = try function(inputs: [], outputs: [], updates: sgd(.gradients([gradient]), params: [p], learningRate: .expression(rate)))
        _ = try step.call([])
        try rate.setValue(NDArray(scalar: 0.01))
        _ = try step.call([])
        expectClose(p.value.doubles, [1 - 0.05 - 0.005, 1 + 0.2 + 0.02], absolute: 1e-9, relative: 1e-9)
    }

    @Test func momentumAccumulatesVelocity() throws {
        let (p, gradient) = parameterAndGradient()
        let updates = try momentum(.gradients([gradient]), params: [p], learningRate: 0.1)
        #expect(updates.map { $0.0.name } == ["p", "p.velocity"])
        // v₁ = −ηg, θ₁ = θ₀ − ηg; v₂ = −1.9ηg, θ₂ = θ₁ − 1.9ηg.
        expectClose(try run(updates, p, times: 2), g.map { 1 - 2.9 * 0.1 * $0 }, absolute: 1e-9, relative: 1e-9)
    }

    @Test func nesterovMomentumLooksAhead() throws {
        let (p, gradient) = parameterAndGradient()
        // θ₁ = θ₀ + μv₁ − ηg = θ₀ − 1.9ηg; v₂ = −1.9ηg, θ₂ = θ₁ + μv₂ − ηg = θ₁ − 2.71ηg.
        let updates = try nesterovMomentum(.gradients([gradient]), params: [p], learningRate: 0.1)
        expectClose(try run(updates, p, times: 1), g.map { 1 - 1.9 * 0.1 * $0 }, absolute: 1e-9, relative: 1e-9)
        let (q, c) = parameterAndGradient()
        expectClose(try run(nesterovMomentum(.gradients([c]), params: [q], learningRate: 0.1), q, times: 2), g.map { 1 - 4.61 * 0.1 * $0 }, absolute: 1e-9, relative: 1e-9)
    }

    @Test func momentumCanBeAppliedToSelectedParameters() throws {
        let (p, gp) = parameterAndGradient()
        let (q, gq) = parameterAndGradient()
        let updates = try applyMomentum(sgd(.gradients([gp, gq]), params: [p, q], learningRate: 0.1), params: [q], momentum: 0.5)
        #expect(updates.map { $0.0.name } == ["p", "p", "p.velocity"])
        expectClose(try run(updates, q, times: 2), g.map { 1 - 2.5 * 0.1 * $0 }, absolute: 1e-9, relative: 1e-9)
        expectClose(p.value.doubles, g.map { 1 - 2 * 0.1 * $0 }, absolute: 1e-9, relative: 1e-9)
    }

    @Test func adagradFirstStepsWithBothEpsilonPlacements() throws {
        let (p, gradient) = parameterAndGradient()
        // a₁ = g², θ₁ = θ₀ − η·g/√(g² + ε); a₂ = 2g², θ₂ = θ₁ − η·g/√(2g² + ε).
        let expected = g.map { 1 - 0.1 * $0 / ($0 * $0 + 1e-6).squareRoot() - 0.1 * $0 / (2 * $0 * $0 + 1e-6).squareRoot() }
        expectClose(try run(adagrad(.gradients([gradient]), params: [p], learningRate: 0.1), p, times: 2), expected, absolute: 1e-12, relative: 1e-9)
        let (q, c) = parameterAndGradient()
        let outside = try adagrad(.gradients([c]), params: [q], learningRate: 0.1, epsilon: 0.5, epsilonPlacement: .outsideSquareRoot, initialAccumulator: 0.1)
        expectClose(try run(outside, q), g.map { 1 - 0.1 * $0 / (($0 * $0 + 0.1).squareRoot() + 0.5) }, absolute: 1e-12, relative: 1e-9)
    }

    @Test func rmspropVariants() throws {
        // Lasagne: a₁ = 0.1g², θ₁ = θ₀ − η·g/√(a₁ + ε).
        let (p, gradient) = parameterAndGradient()
        expectClose(try run(rmsprop(.gradients([gradient]), params: [p], learningRate: 0.01), p),
                    g.map { 1 - 0.01 * $0 / (0.1 * $0 * $0 + 1e-6).squareRoot() }, absolute: 1e-12, relative: 1e-9)
        // PyTorch: ρ = 0.99, ε outside √.
        let (q, c) = parameterAndGradient()
        let torch = try rmsprop(.gradients([c]), params: [q], learningRate: 0.01, rho: 0.99, epsilon: 1e-8, epsilonPlacement: .outsideSquareRoot)
        expectClose(try run(torch, q), g.map { 1 - 0.01 * $0 / ((0.01 * $0 * $0).squareRoot() + 1e-8) }, absolute: 1e-12, relative: 1e-9)
        // TensorFlow 1: a starts at 1, ε = 1e-10 inside √: a₁ = 0.9 + 0.1g².
        let (r, d) = parameterAndGradient()
        let tf1 = try rmsprop(.gradients([d]), params: [r], learningRate: 0.01, epsilon: 1e-10, initialAccumulator: 1)
        expectClose(try run(tf1, r), g.map { 1 - 0.01 * $0 / (0.9 + 0.1 * $0 * $0 + 1e-10).squareRoot() }, absolute: 1e-12, relative: 1e-9)
    }

    @Test func adadeltaFirstTwoSteps() throws {
        let (p, gradient) = parameterAndGradient()
        let updates = try adadelta(.gradients([gradient]), params: [p])
        let rho = 0.95, eps = 1e-6
        let expected = g.map { g -> Double in
            let a1 = (1 - rho) * g * g
            let d1 = g * eps.squareRoot() / (a1 + eps).squareRoot()
            let delta1 = (1 - rho) * d1 * d1
            let a2 = rho * a1 + (1 - rho) * g * g
            let d2 = g * (delta1 + eps).squareRoot() / (a2 + eps).squareRoot()
            return 1 - d1 - d2
        }
        expectClose(try run(updates, p, times: 2), expected, absolute: 1e-14, relative: 1e-9)
    }

    @Test func adamFirstStepMovesByTheLearningRateTimesTheSign() throws {
        let (p, gradient) = parameterAndGradient()
        let updates = try adam(.gradients([gradient]), params: [p], learningRate: 0.01)
        #expect(updates.map { $0.0.name } == ["p.m", "p.v", "p", "adam.t"])
        let first = try run(updates, p)
        expectClose(first, [0.99, 1.01], absolute: 1e-7, relative: 1e-9)
        // Exactly: η·√(1 − β₂)/(1 − β₁) · (1 − β₁)g / (√((1 − β₂)g²) + ε).
        expectClose(first, g.map { 1 - 0.01 * sqrt(0.001) / 0.1 * 0.1 * $0 / ((0.001 * $0 * $0).squareRoot() + 1e-8) }, absolute: 1e-15, relative: 1e-9)
        // Second step with the same gradient: m = 0.19g, v = 0.001999g².
        let second = try run(updates, p)
        let rate2 = 0.01 * (1 - pow(0.999, 2)).squareRoot() / (1 - pow(0.9, 2))
        expectClose(second, zip(first, g).map { $0 - rate2 * 0.19 * $1 / ((0.001999 * $1 * $1).squareRoot() + 1e-8) }, absolute: 1e-14, relative: 1e-9)
    }

    @Test func adamBiasCorrectedFormAddsEpsilonToTheCorrectedRoot() throws {
        let (p, gradient) = parameterAndGradient()
        let updates = try adam(.gradients([gradient]), params: [p], learningRate: 0.01, epsilon: 0.1, epsilonForm: .biasCorrected)
        // m̂ = g, v̂ = g²: θ₁ = θ₀ − η·g/(|g| + ε).
        expectClose(try run(updates, p), g.map { 1 - 0.01 * $0 / (abs($0) + 0.1) }, absolute: 1e-15, relative: 1e-9)
        let (q, c) = parameterAndGradient()
        // The ε-hat form with the same ε: η·√0.001/0.1·0.1g/(√0.001·|g| + ε).
        let hat = try adam(.gradients([c]), params: [q], learningRate: 0.01, epsilon: 0.1)
        expectClose(try run(hat, q), g.map { 1 - 0.01 * sqrt(0.001) * $0 / (sqrt(0.001) * abs($0) + 0.1) }, absolute: 1e-15, relative: 1e-9)
    }

    @Test func adamaxFirstSteps() throws {
        let (p, gradient) = parameterAndGradient()
        let updates = try adamax(.gradients([gradient]), params: [p])
        // u₁ = |g|, m₁ = 0.1g: θ₁ = θ₀ − (η/0.1)·0.1g/(|g| + ε) ≈ θ₀ − η·sign(g).
        let first = try run(updates, p)
        expectClose(first, g.map { 1 - 2e-3 * $0 / (abs($0) + 1e-8) }, absolute: 1e-15, relative: 1e-9)
        // u₂ = max(0.999|g|, |g|) = |g|, m₂ = 0.19g.
        expectClose(try run(updates, p), zip(first, g).map { $0 - 2e-3 / 0.19 * 0.19 * $1 / (abs($1) + 1e-8) }, absolute: 1e-15, relative: 1e-9)
    }

    @Test func amsgradKeepsTheLargestSecondMoment() throws {
        // g₁ = [2], g₂ = [0.01]: v₂ = 0.999·0.004 + 0.001·0.0001 < v̄ = 0.004.
        let p = Shared(f64([0], [1]), name: "p")
        let g = Shared(f64([2], [1]), name: "g")
        let updates = try amsgrad(.gradients([g]), params: [p], learningRate: 0.1)
        let step = try function(inputs: [], outputs: [], updates: updates)
        _ = try step.call([])
        let first = p.value.doubles[0]
        expectClose([first], [-0.1 * sqrt(0.001) / 0.1 * 0.2 / (sqrt(0.004) + 1e-8)], absolute: 1e-12, relative: 1e-9)
        try g.setValue(f64([0.01], [1]))
        _ = try step.call([])
        let m2 = 0.9 * 0.2 + 0.1 * 0.01, vMax = 0.004
        let rate2 = 0.1 * (1 - pow(0.999, 2)).squareRoot() / (1 - pow(0.9, 2))
        expectClose(p.value.doubles, [first - rate2 * m2 / (vMax.squareRoot() + 1e-8)], absolute: 1e-12, relative: 1e-9)
        #expect(updates.contains { $0.0.name == "p.v_max" })
    }

    @Test func normConstraintRescalesColumnsAboveTheLimit() throws {
        // Columns of [[3, 0.3], [4, 0.4]] have norms 5 and 0.5.
        let w = Expr.constant(f64([3, 0.3, 4, 0.4], [2, 2]))
        let scale = 1 / (5 + 1e-7), small = 0.5 / (0.5 + 1e-7)
        expectClose(try normConstraint(w, maxNorm: 1).eval(), [3 * scale, 0.3 * small, 4 * scale, 0.4 * small], shape: [2, 2], absolute: 1e-15, relative: 1e-9)
        // Rows instead, with normAxes.
        let rowNorms = [(9 + 0.09).squareRoot(), (16 + 0.16).squareRoot()]
        let rows = try normConstraint(w, maxNorm: 1, normAxes: [1]).eval().doubles
        expectClose(rows, [3 / (rowNorms[0] + 1e-7), 0.3 / (rowNorms[0] + 1e-7), 4 / (rowNorms[1] + 1e-7), 0.4 / (rowNorms[1] + 1e-7)], absolute: 1e-12, relative: 1e-9)
        #expect(message { _ = try normConstraint(Expr.constant(f64([1], [1])), maxNorm: 1) }.contains("pass normAxes"))
        // A 4-D tensor: norms over all axes but the first.
        let conv = Expr.constant(NDArray(repeating: 1, shape: [2, 1, 2, 2], dtype: .float64))
        expectClose(try normConstraint(conv, maxNorm: 1).eval().doubles, Array(repeating: 0.5 / (1 + 0.5e-7), count: 8), absolute: 1e-12, relative: 1e-9)
    }

    @Test func totalNormConstraintRescalesAllTensorsTogether() throws {
        let a = Expr.constant(f64([3], [1])), b = Expr.constant(f64([4, 0], [2]))
        let (clipped, norm) = try totalNormConstraint([a, b], maxNorm: 1)
        #expect(try norm.eval().scalarValue == 5)
        let k = 1 / (5 + 1e-7)
        expectClose(try clipped[0].eval().doubles, [3 * k], absolute: 1e-15, relative: 1e-9)
        expectClose(try clipped[1].eval().doubles, [4 * k, 0], absolute: 1e-15, relative: 1e-9)
        let (unchanged, _) = try totalNormConstraint([a, b], maxNorm: 10)
        expectClose(try unchanged[1].eval().doubles, [4 * 5 / (5 + 1e-7), 0], absolute: 1e-15, relative: 1e-9)
    }

    @Test func totalNormIsTheNormTheConstraintClipsBy() throws {
        let a = Expr.constant(f64([3, 4], [2])), b = Expr.constant(f64([12], [1]))
        #expect(try totalNorm([a, b]).eval().scalarValue == 13) // √(3² + 4² + 12²) = √169
        let (_, norm) = try totalNormConstraint([a, b], maxNorm: 1)
        #expect(try norm.eval().scalarValue == 13)
        #expect(message { _ = try totalNorm([]) }.contains("no tensors"))
    }

    @Test func gradientListsMustMatchTheParameters() throws {
        let (p, gradient) = parameterAndGradient()
        #expect(message { _ = try sgd(.gradients([gradient, gradient]), params: [p], learningRate: 1) }.contains("2 gradients were given for 1 parameters"))
        let wrongType = Expr.constant(f32([1, 1], [2]))
        #expect(message { _ = try adam(.gradients([wrongType]), params: [p]) }.contains("does not fit parameter p"))
    }

    @Test func aNetworkTrainsWithItsTrainableParameters() throws {
        let (input, out) = try float64(seed: 5) {
            let input = try InputLayer(shape: [nil, 2])
            let hidden = try DenseLayer(incoming: input, units: 8, nonlinearity: .tanh)
            return (input, try DenseLayer(incoming: hidden, units: 1, nonlinearity: nil))
        }
        let target = Expr.input("t", dtype: .float64, shape: [nil, 1])
        let loss = try aggregate(squaredError(output(of: out), target))
        let params = allParams(of: out, tags: [.trainable])
        let train = try function(inputs: [input.inputVar, target], outputs: [loss], updates: adam(.loss(loss), params: params, learningRate: 0.05))
        let x = f64([0, 0, 0, 1, 1, 0, 1, 1], [4, 2]), t = f64([0, 1, 1, 0], [4, 1])
        let start = try train(x, t)[0].scalarValue
        var last = start
        for _ in 0..<200 { last = try train(x, t)[0].scalarValue }
        #expect(last < start * 0.05, "loss went from \(start) to \(last)")
    }
}
