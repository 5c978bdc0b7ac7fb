/// A chain of layers as one layer (Keras's and Torch's `Sequential`): each
/// builder receives the previous layer (the first, an inner input standing
/// for `incoming`) and returns the next; the last is the output.
///
/// ```swift
/// let input = try InputLayer(shape: [nil, 4], name: "x")
/// let mlp = try Sequential(incoming: input, name: "mlp", layers: [
///     { try DenseLayer(incoming: $0, units: 8, name: "hidden") },
///     { try DenseLayer(incoming: $0, units: 2, nonlinearity: .softmax, name: "out") },
/// ])
/// // parameters, breadth first: mlp/out.W, mlp/out.b, mlp/hidden.W, mlp/hidden.b
/// ```
///
/// It is a ``Network`` with one output named `"output"` and the input named
/// `"input"`, plus any `sideInputs` (a recurrent layer's mask) that the
/// builders of ``init(incoming:sideInputs:name:chaining:)`` receive by name.
public final class Sequential: Network, @unchecked Sendable {
    /// A step of the chain: the previous layer in, the next layer out.
    public typealias Builder = (Layer) throws -> Layer
    /// A step of the chain that also receives the inner side inputs by name.
    public typealias SideInputBuilder = (Layer, [String: InputLayer]) throws -> Layer

    /// The chain `layers` built on `incoming`.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` for an empty chain, or any builder's error.
    public convenience init(incoming: Layer, name: String? = nil, layers: [Builder]) throws {
        try self.init(incoming: incoming, name: name, chaining: layers.map { builder in { previous, _ in try builder(previous) } })
    }

    /// The chain `chaining` built on `incoming`, whose builders can also read
    /// `sideInputs` (by name; `"input"` is reserved for `incoming`).
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` for an empty chain
    ///   or a side input named `"input"`; any builder's error.
    public init(incoming: Layer, sideInputs: KeyValuePairs<String, Layer> = [:], name: String? = nil, chaining: [SideInputBuilder]) throws {
        guard !chaining.isEmpty else {
            throw LaminaError.invalidLayer(layer: name ?? "Sequential", detail: "a Sequential needs at least one layer builder")
        }
        if sideInputs.contains(where: { $0.key == "input" }) {
            throw LaminaError.invalidLayer(layer: name ?? "Sequential", detail: "the side input name 'input' is reserved for the incoming layer; rename the side input")
        }
        let named: [(key: String, value: Layer)] = [("input", incoming)] + sideInputs.map { ($0.key, $0.value) }
        try super.init(namedIncomings: named, name: name) { inner in
            var previous: Layer = inner["input"]!
            for build in chaining { previous = try build(previous, inner) }
            return [("output", previous)]
        }
    }
}
