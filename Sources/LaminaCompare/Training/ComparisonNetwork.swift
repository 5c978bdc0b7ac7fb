import Lamina
import LaminaGraph
import LaminaTensor

/// The layers of one run: an unnamed ``Sequential`` of a profile's recurrent
/// layer and a dense readout of its last (masked) state, or of every step for
/// per-step tasks. Being unnamed, the container adds nothing to parameter
/// names, and nesting keeps the breadth-first parameter order, so the names
/// and order are those of the same layers built flat.
struct ComparisonNetwork {
    let input: InputLayer
    let mask: InputLayer
    /// The recurrent layer, inside ``readout``.
    let recurrent: RecurrentLayerBase
    /// The network's output layer: the Sequential whose last layer is the dense readout.
    let readout: Layer

    /// Builds the layers for `task` and `spec`. The recurrent layer draws from a
    /// stream of `spec.seed`, the readout from another, so that without library
    /// defaults every profile starts with the same readout (``ReadoutRecipe/shared``);
    /// with library defaults the readout follows the profile's library.
    init(task: any ComparisonTask, spec: RunSpecification, profile: InitProfile, steps: Int) throws {
        let f = task.inputSize
        let perStep: Bool, classes: Int
        switch task.outputKind {
        case .regression: (perStep, classes) = (false, 1)
        case .classification(let c): (perStep, classes) = (false, c)
        case .perStep(let c): (perStep, classes) = (true, c)
        }
        let input = try InputLayer(shape: [nil, steps, f], name: "input")
        let mask = try InputLayer(shape: [nil, steps], name: "mask")
        let recipe = spec.libraryDefaults ? profile.readout : .shared
        var recurrent: RecurrentLayerBase?
        let model = try Sequential(incoming: input, sideInputs: ["mask": mask], chaining: [
            { previous, inner in
                let layer = try LayerDefaults.using(floatX: .float32, seed: spec.seed &* 0x9E37_79B9_7F4A_7C15 &+ 1) {
                    try profile.makeLayer(cell: spec.cell, incoming: previous, units: spec.units, libraryDefaults: spec.libraryDefaults,
                                          mask: inner["mask"]!, options: RecurrentOptions(onlyReturnFinal: !perStep), name: "recurrent")
                }
                recurrent = layer
                return layer
            },
            { previous, _ in
                try LayerDefaults.using(floatX: .float32, seed: spec.seed &* 0x9E37_79B9_7F4A_7C15 &+ 2) {
                    let source: Layer = perStep ? try ReshapeLayer(incoming: previous, shape: [.infer, .size(spec.units)], name: "flat") : previous
                    let nonlinearity: Nonlinearity = task.outputKind == .regression ? .linear : .softmax
                    return try DenseLayer(incoming: source, units: classes, W: recipe.weights.initializer(inputs: spec.units, units: classes),
                                          b: recipe.bias.initializer(inputs: spec.units, units: classes), nonlinearity: nonlinearity, name: "readout")
                }
            },
        ])
        (self.input, self.mask, self.recurrent, self.readout) = (input, mask, recurrent!, model)
    }

    /// Every parameter, breadth first from the readout.
    var parameters: [Shared] { allParams(of: readout) }

    /// Re-initializes this built network in place as `profile` (with `spec`'s
    /// seed and options) would have initialized it, without rebuilding it:
    /// compiled functions over it see the new values. The values are those of
    /// a network built from scratch with `profile`.
    /// - Throws: ``LaminaError/parameterMismatch(detail:)`` when `profile` lays out
    ///   the parameters differently (another gate layout), naming the first misfit.
    func reinitialize(as profile: InitProfile, task: any ComparisonTask, spec: RunSpecification, steps: Int) throws {
        let template = try ComparisonNetwork(task: task, spec: spec, profile: profile, steps: steps)
        try Lamina.reinitialize([readout], like: [template.readout])
    }
}
