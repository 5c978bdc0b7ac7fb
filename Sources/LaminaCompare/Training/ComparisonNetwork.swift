import Lamina
import LaminaGraph
import LaminaTensor

/// The layers of one run: a profile's recurrent layer and a dense readout of
/// its last (masked) state, or of every step for per-step tasks.
struct ComparisonNetwork {
    let input: InputLayer
    let mask: InputLayer
    let recurrent: RecurrentLayerBase
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
        let recurrent = try LayerDefaults.using(floatX: .float32, seed: spec.seed &* 0x9E37_79B9_7F4A_7C15 &+ 1) {
            try profile.makeLayer(cell: spec.cell, incoming: input, units: spec.units, libraryDefaults: spec.libraryDefaults, mask: mask,
                                  options: RecurrentOptions(onlyReturnFinal: !perStep), name: "recurrent")
        }
        let recipe = spec.libraryDefaults ? profile.readout : .shared
        let readout = try LayerDefaults.using(floatX: .float32, seed: spec.seed &* 0x9E37_79B9_7F4A_7C15 &+ 2) {
            let source: Layer = perStep ? try ReshapeLayer(incoming: recurrent, shape: [.infer, .size(spec.units)], name: "flat") : recurrent
            let nonlinearity: Nonlinearity = task.outputKind == .regression ? .linear : .softmax
            return try DenseLayer(incoming: source, units: classes, W: recipe.weights.initializer(inputs: spec.units, units: classes),
                                  b: recipe.bias.initializer(inputs: spec.units, units: classes), nonlinearity: nonlinearity, name: "readout")
        }
        (self.input, self.mask, self.recurrent, self.readout) = (input, mask, recurrent, readout)
    }

    /// Every parameter, breadth first from the readout.
    var parameters: [Shared] { allParams(of: readout) }
}
