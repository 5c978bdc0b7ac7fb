import Lamina

/// One library's default initialization of its recurrent layers, written
/// down from that library's source (see the init-defaults reference), and a
/// builder of the matching Lamina layer.
///
/// Only the initialization differs between profiles unless `libraryDefaults`
/// is passed to ``makeLayer(cell:incoming:units:libraryDefaults:mask:options:name:)``:
/// then the library's gate activation (hard sigmoid in Keras 1/2) and simple
/// RNN activation (ReLU in Lasagne and MXNet, sigmoid in Torch7) are used too;
/// otherwise every profile uses sigmoid gates and tanh candidates.
/// Structural choices that are part of the library's layer (GRU reset
/// placement and update form, LSTM peepholes, learned initial states) are
/// always kept.
public struct InitProfile: @unchecked Sendable, CustomStringConvertible {
    /// The registry name, such as "keras2".
    public internal(set) var name: String
    /// The library, such as "Keras".
    public let library: String
    /// The version or version range the rules hold for.
    public let version: String
    /// The citation keys of the init-defaults reference's Sources list, such as "K2a,TK".
    public let source: String
    /// The rules in plain text, ending with the readout used with library defaults.
    public internal(set) var rules: String

    var lstm: LSTMRecipe
    var gru: GRURecipe
    var rnn: RNNRecipe
    /// The library's optimizer constants (used only with library defaults).
    public var optimizer: OptimizerDefaults
    /// The library's readout initialization (used only with library defaults).
    public var readout: ReadoutRecipe

    /// A profile from its recipes; the optimizer constants and the readout default to the
    /// library's, looked up by `name` (``OptimizerDefaults/of(profile:)``, ``ReadoutRecipe``).
    init(name: String, library: String, version: String, source: String, rules: String, lstm: LSTMRecipe, gru: GRURecipe,
         rnn: RNNRecipe, optimizer: OptimizerDefaults? = nil, readout: ReadoutRecipe? = nil) {
        self.name = name
        self.library = library
        self.version = version
        self.source = source
        self.lstm = lstm
        self.gru = gru
        self.rnn = rnn
        self.optimizer = optimizer ?? .of(profile: name)
        self.readout = readout ?? .of(profile: name)
        self.rules = rules + " Readout with library defaults: \(self.readout)."
    }

    /// The recurrent cells a profile can build.
    public static let cells = ["lstm", "gru", "rnn"]

    public var description: String { "\(name) (\(library) \(version); \(source)): \(rules)" }

    /// Builds the recurrent layer of `cell` ("lstm", "gru" or "rnn") with this
    /// library's defaults. Random draws come from the current ``LayerDefaults``
    /// generator (wrap the call in `LayerDefaults.using(seed:)` for reproducibility).
    /// - Throws: ``ProfileError/unknownCell(_:)`` for another cell, or the layer's errors.
    public func makeLayer(cell: String, incoming: Layer, units: Int, libraryDefaults: Bool = false, mask: Layer? = nil,
                          options: RecurrentOptions = RecurrentOptions(), name: String? = nil) throws -> RecurrentLayerBase {
        let shape = try incoming.outputShape
        guard shape.count >= 3, let d = shape[2] else { throw ProfileError.unknownInputSize }
        let h = units
        switch cell {
        case "lstm":
            let r = lstm
            var opts = options
            opts.learnInit = options.learnInit || r.learnInit
            let act: Nonlinearity = libraryDefaults ? r.gateActivation : .sigmoid
            func gate(_ g: LSTMGate) -> Gate {
                let b: any ParameterSource = (g == .forgetgate ? r.forgetBias.map { Constant($0) } : nil) ?? r.bias(d, h)
                if g == .cell { return .candidate(W_in: r.W_in(d, h), W_hid: r.W_hid(d, h), b: b) }
                return Gate(W_in: r.W_in(d, h), W_hid: r.W_hid(d, h), W_cell: r.peephole?(d, h), b: b, nonlinearity: act)
            }
            let layout = r.draw.map { GateLayout(order: r.order, storage: .stacked, draw: $0(d, h)) } ?? GateLayout(order: r.order)
            return try LSTMLayer(incoming: incoming, units: h, ingate: gate(.ingate), forgetgate: gate(.forgetgate), cell: gate(.cell),
                                 outgate: gate(.outgate), peepholes: r.peephole != nil, mask: mask, layout: layout, options: opts, name: name)
        case "gru":
            let r = gru
            var opts = options
            opts.learnInit = options.learnInit || r.learnInit
            let act: Nonlinearity = libraryDefaults ? r.gateActivation : .sigmoid
            func gate(_ g: GRUGate) -> Gate {
                if g == .hiddenUpdate { return .candidate(W_in: r.W_in(g, d, h), W_hid: r.W_hid(g, d, h), b: r.bias(g, d, h)) }
                return Gate(W_in: r.W_in(g, d, h), W_hid: r.W_hid(g, d, h), W_cell: nil, b: r.bias(g, d, h), nonlinearity: act)
            }
            let layout = r.draw.map { GateLayout(order: r.order, storage: .stacked, draw: $0(d, h)) } ?? GateLayout(order: r.order)
            return try GRULayer(incoming: incoming, units: h, resetgate: gate(.resetgate), updategate: gate(.updategate),
                                hiddenUpdate: gate(.hiddenUpdate), resetPlacement: r.reset, updateForm: r.update,
                                hiddenBias: r.hiddenBias(d, h), mask: mask, layout: layout, options: opts, name: name)
        case "rnn":
            let r = rnn
            var opts = options
            opts.learnInit = options.learnInit || r.learnInit
            return try RecurrentLayer(incoming: incoming, units: h, W_in_to_hid: r.W_in(d, h), W_hid_to_hid: r.W_hid(d, h),
                                      b: r.bias(d, h), nonlinearity: libraryDefaults ? r.activation : .tanh,
                                      mask: mask, options: opts, name: name)
        default:
            throw ProfileError.unknownCell(cell)
        }
    }
}

/// Errors of profile look-up and layer building.
public enum ProfileError: Error, CustomStringConvertible, Equatable {
    /// No profile of that name; carries the known names.
    case unknownProfile(String, known: [String])
    /// A cell other than "lstm", "gru", "rnn".
    case unknownCell(String)
    /// The incoming layer's feature size is not known.
    case unknownInputSize
    /// A study's override of a recipe field (named first) that does not fit; the second text says why.
    case invalidOverride(String, String)
    /// A recurrent layer (named) whose recurrent weights are not one shared
    /// variable per gate (or one stacked); carries the gate blocks found.
    case recurrentWeights(layer: String, found: Int)

    public var description: String {
        switch self {
        case .unknownProfile(let n, let known): return "unknown init profile '\(n)'; known profiles: \(known.joined(separator: ", "))"
        case .unknownCell(let c): return "unknown recurrent cell '\(c)'; known cells: \(InitProfile.cells.joined(separator: ", "))"
        case .unknownInputSize: return "the recurrent layer's input needs a known feature size (batch, steps, features)"
        case .invalidOverride(let field, let why): return "profile override '\(field)' \(why)"
        case .recurrentWeights(let layer, let found):
            return "the recurrent weights of \(layer) are not shared variables of the layer (found \(found) gate blocks); the spectral radius needs one hidden-to-hidden matrix per gate or one stacked matrix"
        }
    }
}
