import LaminaGraph
import LaminaTensor

/// A recurrent layer whose cell is built from layers (Lasagne's
/// `CustomRecurrentLayer`):
///
///     h_t = σ(f_in(x_t) + f_hid(h_{t−1}))
///
/// where f_in (`inputToHidden`) and f_hid (`hiddenToHidden`) are layer
/// sub-networks, each rooted at its own ``InputLayer``: f_in takes a step's
/// input (batch, features…) and f_hid the previous state (batch, units…);
/// both output (batch, units…). Their parameters are registered with this
/// layer (keeping their tags and names), so ``allParams(of:tags:excluding:order:)``
/// collects them; ``Layer/output(for:deterministic:)`` passes `deterministic`
/// into them.
///
/// Defaults (Lasagne's): σ = rectify, zero initial state not learned, the
/// loop defaults of ``RecurrentOptions``. Parameters, in order: `hid_init`
/// (1, units…), then f_in's and f_hid's parameters (breadth first from each
/// sub-network's output).
///
/// ```swift
/// let stepInput = try InputLayer(shape: [nil, 8])
/// let inToHid = try DenseLayer(incoming: stepInput, units: 16, nonlinearity: nil)
/// let hidInput = try InputLayer(shape: [nil, 16])
/// let hidToHid = try DenseLayer(incoming: hidInput, units: 16, b: nil, nonlinearity: nil)
/// let rnn = try CustomRecurrentLayer(incoming: sequence, inputToHidden: inToHid, hiddenToHidden: hidToHid,
///                                    nonlinearity: .tanh)
/// ```
open class CustomRecurrentLayer: RecurrentLayerBase, @unchecked Sendable {
    /// The cell this layer runs.
    public let customCell: CustomRecurrentCell
    /// The sub-network from a step's input to the hidden pre-activation.
    public var inputToHidden: Layer { customCell.inputToHidden }
    /// The sub-network from the previous state to the hidden pre-activation.
    public var hiddenToHidden: Layer { customCell.hiddenToHidden }
    /// σ, applied to the sum (`nil` for linear).
    public var nonlinearity: Nonlinearity? { customCell.nonlinearity }

    /// - Parameters:
    ///   - incoming: the input, (batch, steps, features…), whose features fit `inputToHidden`'s input layer.
    ///   - inputToHidden: f_in, from (batch, features…) to (batch, units…).
    ///   - hiddenToHidden: f_hid, from (batch, units…) to (batch, units…).
    ///   - nonlinearity: σ (default rectify).
    ///   - hidInit: the initial state h_0, a (1, units…) parameter or a (batch, units…) layer.
    ///   - mask: an optional (batch, steps) layer, nonzero on real steps.
    ///   - options: the loop flags.
    ///   - flattensFeatures: flatten several input feature axes into one before `inputToHidden`.
    ///   - name: the layer's name.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` when a sub-network does not have exactly one
    ///   input layer, or the sub-networks' shapes do not fit the input or each other.
    public init(incoming: Layer, inputToHidden: Layer, hiddenToHidden: Layer, nonlinearity: Nonlinearity? = .rectify,
                hidInit: InitialState = .zeros, mask: Layer? = nil, options: RecurrentOptions = RecurrentOptions(),
                flattensFeatures: Bool = false, name: String? = nil) throws {
        customCell = try CustomRecurrentCell(inputToHidden: inputToHidden, hiddenToHidden: hiddenToHidden, nonlinearity: nonlinearity,
                                             flattensFeatures: flattensFeatures, denseInput: nil, label: name ?? "CustomRecurrentLayer")
        try Self.check(incoming: incoming, fits: customCell, name: name)
        try super.init(incoming: incoming, cell: customCell, mask: mask, initialStates: [hidInit], options: options,
                       initialStatesFirst: true, name: name)
    }

    /// A layer running `customCell` (the vanilla layer's).
    init(incoming: Layer, customCell: CustomRecurrentCell, hidInit: InitialState, mask: Layer?, options: RecurrentOptions,
         name: String?) throws {
        self.customCell = customCell
        try Self.check(incoming: incoming, fits: customCell, name: name)
        try super.init(incoming: incoming, cell: customCell, mask: mask, initialStates: [hidInit], options: options,
                       initialStatesFirst: true, name: name)
    }

    /// Checks that the input's features (flattened if the cell flattens them) fit the cell's f_in.
    private static func check(incoming: Layer, fits cell: CustomRecurrentCell, name: String?) throws {
        let input = try incoming.outputShape
        let features: [Int?] = input.count >= 3 && cell.flattensFeatures
            ? [input[2...].contains(nil) ? nil : input[2...].reduce(1) { $0 * $1! }] : Array(input.dropFirst(2))
        guard input.count >= 3, features == cell.stepInputShape else {
            throw LaminaError.invalidLayer(layer: name ?? "CustomRecurrentLayer", detail: "the input's features \(formatShapeSpec(Array(input.dropFirst(2)))) (input \(formatShapeSpec(input))) do not fit inputToHidden's input layer \(formatShapeSpec([nil] + cell.stepInputShape))")
        }
    }
}
