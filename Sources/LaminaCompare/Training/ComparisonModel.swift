import Lamina
import LaminaGraph
import LaminaTensor

/// The network of one run (``ComparisonNetwork``) with compiled training and evaluation functions.
struct ComparisonModel {
    let network: ComparisonNetwork
    var recurrent: RecurrentLayerBase { network.recurrent }
    /// Inputs, masks, targets, returns [loss, gradient norm]; applies the optimizer.
    let trainStep: Function
    /// Inputs, masks, targets, returns [metric summed over the batch's examples (or real steps)].
    let evaluate: Function
    /// The optimizer's variables besides the parameters (moments, step counter, accumulators).
    let optimizerState: [Shared]

    /// Compiles the training and evaluation functions of `network`. Training uses
    /// `spec.optimizer` with Lamina's constants, or with library defaults the profile's.
    init(network: ComparisonNetwork, task: any ComparisonTask, spec: RunSpecification, profile: InitProfile, steps: Int) throws {
        self.network = network
        let (input, mask, readout) = (network.input, network.mask, network.readout)
        let perStep: Bool
        if case .perStep = task.outputKind { perStep = true } else { perStep = false }

        let prediction = try output(of: readout)
        let targets: Expr, weights: Expr?
        if task.outputKind == .regression {
            targets = Expr.input("targets", dtype: .float32, shape: [nil, 1])
            weights = nil
        } else if perStep {
            targets = Expr.input("targets", dtype: .int32, shape: [nil, steps])
            weights = try mask.inputVar.reshape([.infer])
        } else {
            targets = Expr.input("targets", dtype: .int32, shape: [nil])
            weights = nil
        }
        func loss(_ p: Expr) throws -> Expr {
            if task.outputKind == .regression { return try aggregate(squaredError(p, targets)) }
            if perStep { return try aggregate(categoricalCrossEntropy(p, targets.reshape([.infer])), weights: weights, mode: .normalizedSum) }
            return try aggregate(categoricalCrossEntropy(p, targets))
        }
        let trainingLoss = try loss(prediction)
        let params = allParams(of: readout, tags: [.trainable])
        var gradients = try grad(trainingLoss, wrt: params)
        // The total norm before clipping, read back every step: with clipping, the very norm
        // the clip computes (one expression, so one computation per step).
        let norm: Expr
        if spec.clipNorm > 0 {
            (gradients, norm) = try totalNormConstraint(gradients, maxNorm: spec.clipNorm)
        } else {
            norm = try totalNorm(gradients)
        }
        let lr = Hyperparameter.value(spec.learningRate)
        let updates: [(Shared, Expr)]
        let o = spec.libraryDefaults ? profile.optimizer : .lamina
        switch spec.optimizer {
        case "adam": updates = try adam(.gradients(gradients), params: params, learningRate: lr, epsilon: o.adamEpsilon, epsilonForm: o.adamForm)
        case "rmsprop": updates = try rmsprop(.gradients(gradients), params: params, learningRate: lr, rho: o.rmspropRho, epsilon: o.rmspropEpsilon,
                                              epsilonPlacement: o.rmspropPlacement, initialAccumulator: o.rmspropInitialAccumulator)
        case "sgd": updates = try sgd(.gradients(gradients), params: params, learningRate: lr)
        default: throw TrainingError.unknownOptimizer(spec.optimizer)
        }
        let inputs = [input.inputVar, mask.inputVar, targets]
        trainStep = try function(inputs: inputs, outputs: [trainingLoss, norm], updates: updates)
        optimizerState = Lamina.optimizerState(of: updates, parameters: network.parameters, outputs: [trainingLoss, norm])

        // Evaluation: the metric summed over the batch, and its weight (examples or real steps).
        let p = try output(of: readout, deterministic: true)
        let metricSum: Expr
        switch task.outputKind {
        case .regression: metricSum = try aggregate(squaredError(p, targets), mode: .sum)
        case .classification: metricSum = try aggregate(categoricalAccuracy(p, targets), mode: .sum)
        case .perStep: metricSum = try aggregate(categoricalCrossEntropy(p, targets.reshape([.infer])), weights: weights, mode: .sum)
        }
        evaluate = try function(inputs: inputs, outputs: [metricSum])
    }
}

/// Errors of a run's setup (a diverging run is not an error).
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    case unknownOptimizer(String)
    case invalid(String)

    public var description: String {
        switch self {
        case .unknownOptimizer(let o): return "unknown optimizer '\(o)'; known: adam, rmsprop, sgd"
        case .invalid(let d): return d
        }
    }
}
