import LaminaGraph

/// Batch normalization (Ioffe & Szegedy 2015; Lasagne's `BatchNormLayer(axes='auto',
/// epsilon=1e-4, alpha=0.1, beta=Constant(0), gamma=Constant(1), mean=Constant(0), inv_std=Constant(1))`):
///
///     y = (x − μ)·(γ·s) + β,   s = 1/√(σ² + ε)
///
/// with μ and σ² the mean and variance over `axes` (by default every axis
/// but axis 1: per feature or channel), and β, γ learned per unit.
///
/// - Training (`deterministic` false): μ and s are the batch's statistics,
///   and the pass asks for running-average updates
///   `mean ← (1 − α)·mean + α·μ`, `invStd ← (1 − α)·invStd + α·s`
///   through ``Layer/stateUpdates(for:deterministic:)``: get them with
///   ``outputsAndUpdates(of:inputs:deterministic:)`` and pass them to the
///   training function.
/// - Inference (`deterministic` true): the stored `mean` and `invStd` are used.
///
/// `useAverages` and `updateAverages` override these choices (Lasagne's
/// `batch_norm_use_averages` and `batch_norm_update_averages`). β and γ are
/// trainable and not regularizable (`nil` leaves them out); `mean` and
/// `invStd` are tagged ``ParameterTag/batchNormStatistic`` only, so optimizers
/// skip them but parameter files keep them.
public final class BatchNormLayer: SharedAxesLayer, @unchecked Sendable {
    /// The axes normalized over (the axes the parameters are shared over).
    public var axes: [Int] { sharedAxes }
    /// ε added to the variance.
    public let epsilon: Double
    /// α, the weight of the new batch in the running averages.
    public let alpha: Double
    /// Use the stored averages (`nil`: when deterministic).
    public let useAverages: Bool?
    /// Ask for running-average updates (`nil`: when not deterministic).
    public let updateAverages: Bool?
    /// The shift β, or `nil`.
    public let beta: Expr?
    /// The scale γ, or `nil`.
    public let gamma: Expr?
    /// The running mean.
    public let mean: Expr
    /// The running inverse standard deviation.
    public let invStd: Expr

    /// - Parameters:
    ///   - incoming: the layer whose output this layer takes.
    ///   - axes: the axes to normalize over (``SharedAxes/auto``: all but axis 1).
    ///   - epsilon: ε added to the variance (1e-4).
    ///   - alpha: α, the weight of each new batch in the running averages (0.1).
    ///   - beta, gamma: the shift and scale (`nil` for none).
    ///   - mean, invStd: the running averages' initial values.
    ///   - useAverages, updateAverages: overrides of the `deterministic` choices.
    ///   - name: the layer name.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` when a unit axis has unknown size.
    public init(incoming: Layer, axes: SharedAxes = .auto, epsilon: Double = 1e-4, alpha: Double = 0.1,
                beta: (any ParameterSource)? = Constant(0), gamma: (any ParameterSource)? = Constant(1),
                mean: any ParameterSource = Constant(0), invStd: any ParameterSource = Constant(1),
                useAverages: Bool? = nil, updateAverages: Bool? = nil, name: String? = nil) throws {
        self.epsilon = epsilon
        self.alpha = alpha
        self.useAverages = useAverages
        self.updateAverages = updateAverages
        let label = name ?? "BatchNormLayer"
        var made = ParameterBuilder(prefix: name, label: label)
        let shape = try SharedAxesLayer.unitShape(of: incoming, sharedAxes: axes, layer: label, purpose: "batch normalization")
        self.beta = try beta.map { try made.add($0, shape: shape, name: "beta", role: Role.bias, tags: .bias) }
        self.gamma = try gamma.map { try made.add($0, shape: shape, name: "gamma", role: Role.scale, tags: .bias) }
        self.mean = try made.add(mean, shape: shape, name: "mean", role: Role.runningAverage, tags: [.batchNormStatistic])
        self.invStd = try made.add(invStd, shape: shape, name: "inv_std", role: Role.runningAverage, tags: [.batchNormStatistic])
        try super.init(incoming: incoming, sharedAxes: axes, name: name)
        registerParameters(made)
    }

    /// The batch's mean and inverse standard deviation, in the parameters' shape.
    func batchStatistics(_ x: Expr) throws -> (mean: Expr, invStd: Expr) {
        let mean = try x.mean(axes: axes)
        let variance = try (x - broadcast(mean, rank: x.rank)).square().mean(axes: axes)
        return (mean, try 1 / (variance + epsilon).sqrt())
    }

    public override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        let x = inputs[0]
        let (m, s) = (useAverages ?? deterministic) ? (mean, invStd) : try batchStatistics(x)
        let scale = try gamma.map { try $0 * s } ?? s
        let normalized = try (x - broadcast(m, rank: x.rank)) * broadcast(scale, rank: x.rank)
        return try beta.map { try normalized + broadcast($0, rank: x.rank) } ?? normalized
    }

    /// The running-average updates when not deterministic (or when `updateAverages` says so).
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` when the averages are
    ///   expressions rather than shared variables, which cannot be updated.
    public override func stateUpdates(for inputs: [Expr], deterministic: Bool) throws -> [(Shared, Expr)] {
        guard updateAverages ?? !deterministic else { return [] }
        guard let runningMean = mean as? Shared, let runningInvStd = invStd as? Shared else {
            throw LaminaError.invalidLayer(layer: displayName, detail: "running averages given as expressions cannot be updated; pass updateAverages: false or give arrays or initializers")
        }
        let (m, s) = try batchStatistics(inputs[0])
        return [(runningMean, try runningMean * (1 - alpha) + m * alpha),
                (runningInvStd, try runningInvStd * (1 - alpha) + s * alpha)]
    }
}
