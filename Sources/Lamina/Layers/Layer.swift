import LaminaGraph
import LaminaTensor

/// A layer of a network (Lasagne's `Layer`): a name, its incoming layers,
/// an ordered list of tagged parameters, an output shape computed from its
/// input shapes, and one method that maps input expressions to the output
/// expression.
///
/// A layer computes nothing by itself. Its output is a plain ``Expr`` built
/// by ``output(of:inputs:deterministic:)`` (which walks the layer graph), and
/// its parameters are plain ``Shared`` variables (or any expression, for tied
/// and derived weights); both can be combined with any engine op.
///
/// To write a layer, subclass `Layer` (one input) or ``MergeLayer`` (several),
/// register parameters with ``addParam(_:shape:name:role:tags:)`` in the
/// initializer, and override ``output(for:deterministic:)`` and, when the
/// shape changes, ``outputShape(for:)``:
///
/// ```swift
/// final class TimesTwoLayer: Layer {
///     override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr { try inputs[0] * 2 }
/// }
/// ```
open class Layer: Hashable, CustomStringConvertible, @unchecked Sendable {
    /// The layer's name; parameter names are prefixed with it (`"name.W"`).
    public let name: String?
    /// The incoming layers, in the order their outputs are passed to ``output(for:deterministic:)``.
    public let inputLayers: [Layer]
    /// The output shapes of the incoming layers when this layer was built (`nil` for unknown sizes).
    public let inputShapes: [[Int?]]
    /// The parameters, in registration order, with their tags.
    public private(set) var params: [LayerParameter] = []
    /// The ``Network`` (or ``Sequential``) this layer was built inside, `nil`
    /// at the top level. Set once, when the network is built.
    public internal(set) weak var enclosing: Network?

    /// A layer with one incoming layer.
    /// - Throws: the incoming layer's shape error, if any.
    public init(incoming: Layer, name: String? = nil) throws {
        self.name = name
        inputLayers = [incoming]
        inputShapes = [try incoming.outputShape]
    }

    /// A layer with several incoming layers (or none, for input layers).
    public init(incomings: [Layer], name: String? = nil) throws {
        self.name = name
        inputLayers = incomings
        inputShapes = try incomings.map { try $0.outputShape }
    }

    /// The only (or first) incoming layer, `nil` for an input layer.
    public var inputLayer: Layer? { inputLayers.first }
    /// The shape of the only (or first) input.
    public var inputShape: [Int?] { inputShapes.first ?? [] }

    /// The name used in messages and annotations: the name, or the class name.
    public var displayName: String { name ?? String(describing: type(of: self)) }

    /// The layer's place in the nesting: the names of the named networks that
    /// enclose it, outermost first, then ``displayName``, joined by `/`
    /// (`"encoder/lstm1"`). An unnamed network adds no component; at the top
    /// level the path is the display name.
    public var path: String { (enclosing?.pathPrefix ?? "") + displayName }

    /// Whether `network` encloses this layer at any depth.
    public func isInside(_ network: Network) -> Bool {
        var current = enclosing
        while let outer = current {
            if outer === network { return true }
            current = outer.enclosing
        }
        return false
    }

    /// The prefix of parameter names in this layer: the enclosing path and `/`,
    /// then the layer's name and `.` (`"encoder/lstm1."`), or just the
    /// enclosing path for an unnamed layer.
    var parameterNamePrefix: String { (enclosing?.pathPrefix ?? "") + (name.map { "\($0)." } ?? "") }

    /// The output shape for the input shapes captured at construction.
    public var outputShape: [Int?] {
        get throws { try outputShape(for: inputShapes) }
    }

    /// The output shape for the given input shapes (one per incoming layer);
    /// `nil` marks a size known only at run time. By default, the first input's shape.
    open func outputShape(for inputShapes: [[Int?]]) throws -> [Int?] {
        inputShapes.first ?? []
    }

    /// The output expression for the given input expressions (one per incoming layer).
    /// - Parameter deterministic: turn off noise (dropout, Gaussian noise) and
    ///   use stored statistics instead of batch statistics (batch normalization).
    open func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        throw LaminaError.invalidLayer(layer: displayName, detail: "\(type(of: self)) does not override output(for:deterministic:)")
    }

    /// The roles of the values this layer annotates (with its ``path``) in the
    /// graphs it builds, which ``VariableFilter/values(of:in:order:)`` looks
    /// for: its ``VariableRole/output`` by default; a recurrent layer adds its
    /// states and internal values, an attention layer its weights.
    open var valueRoles: [VariableRole] { [.output] }

    /// Updates of state variables that a training pass should apply (batch
    /// normalization's running averages). Collected by
    /// ``outputsAndUpdates(of:inputs:deterministic:)``; empty by default.
    open func stateUpdates(for inputs: [Expr], deterministic: Bool) throws -> [(Shared, Expr)] { [] }

    /// The state updates of the pass in which this layer computed `output`
    /// from `inputs`, for layers that read them from the output's graph (a
    /// stateful recurrent layer's final states); by default
    /// ``stateUpdates(for:deterministic:)``.
    open func stateUpdates(for inputs: [Expr], output: Expr, deterministic: Bool) throws -> [(Shared, Expr)] {
        try stateUpdates(for: inputs, deterministic: deterministic)
    }

    /// Registers a parameter and returns the expression to compute with
    /// (Lasagne's `add_param`).
    ///
    /// A new ``Shared`` is named `"layername.name"` (just `name` for an
    /// unnamed layer); an expression passed in keeps its name. When the layer
    /// is later built into a named ``Network``, the shared variables it created
    /// are renamed with the network's path in front (`"encoder/layername.name"`).
    /// The parameter is annotated with this layer and `role` unless it already
    /// belongs to another layer; its ``LayerParameter/role`` is `role` refined
    /// by ``VariableRole/refined(_:parameterName:)`` (a `"weight"` named
    /// `W_hid…` is a ``VariableRole/recurrentWeight``).
    /// - Parameters:
    ///   - source: an initializer, an array, or an expression.
    ///   - shape: the shape the layer needs.
    ///   - name: the short name, such as `"W"`.
    ///   - role: the annotation role (``Role/weight``, ``Role/bias``, ...).
    ///   - tags: the tags (by default trainable and regularizable).
    /// - Throws: ``LaminaError`` when the source does not fit the shape.
    @discardableResult
    public final func addParam(_ source: any ParameterSource, shape: [Int], name: String, role: String = Role.parameter,
                               tags: Set<ParameterTag> = .weight) throws -> Expr {
        let fullName = parameterNamePrefix + name
        let expr: Expr
        do {
            expr = try source.makeParameter(shape: shape, name: fullName)
        } catch let error as LaminaError {
            throw LaminaError.invalidLayer(layer: displayName, detail: "parameter \(name): \(error)")
        }
        registerParameter(expr, name: name, role: role, tags: tags, owned: !(source is Expr))
        return expr
    }

    /// Registers the parameters a layer made before `super.init` with a
    /// ``ParameterBuilder``, in the order they were made, as
    /// ``addParam(_:shape:name:role:tags:)`` registers what it makes. This is
    /// how a layer holds its parameters as plain `let` properties:
    ///
    /// ```swift
    /// var made = ParameterBuilder(prefix: name, label: name ?? "ScaleShift")
    /// self.gamma = try made.add(Constant(1), shape: [n], name: "gamma", role: Role.weight)
    /// try super.init(incoming: incoming, name: name)
    /// registerParameters(made)
    /// ```
    public final func registerParameters(_ made: ParameterBuilder) {
        registerParameters(made.all)
    }

    /// Registers parameters made elsewhere for this layer (a ``ParameterBuilder``'s, or a
    /// ``RecurrentCell``'s ``RecurrentCell/parameters``), in order.
    final func registerParameters(_ made: [CellParameter]) {
        for param in made {
            registerParameter(param.expr, name: param.name, role: param.role, tags: param.tags, owned: param.isOwned)
        }
    }

    /// Records `expr`, made elsewhere for this layer (a recurrent cell's parameter), as
    /// ``addParam(_:shape:name:role:tags:)`` records what it makes: annotated with this
    /// layer and `role`, and, when `owned`, renamed with the layer's path when a named
    /// network is built around it and re-drawn by ``reinitialize(_:seed:roles:)``.
    func registerParameter(_ expr: Expr, name: String, role: String, tags: Set<ParameterTag>, owned: Bool) {
        Role.annotate(expr, layer: displayName, role: role)
        params.append(LayerParameter(expr: expr, tags: tags, name: name, role: VariableRole.refined(role, parameterName: name), isOwned: owned))
    }

    /// Renames the shared variables this layer created (not tied or derived
    /// ones passed in) to ``parameterNamePrefix`` + their short name, and
    /// points their layer annotation at ``path``. Called when a network is built around the layer.
    func qualifyParameterNames() {
        for param in params where param.isOwned {
            guard let shared = param.expr as? Shared else { continue }
            shared.name = parameterNamePrefix + param.name
            if shared.annotations[Role.layerKey] != nil { shared.annotations[Role.layerKey] = path }
        }
    }

    /// The layer's parameters that carry all of `tags` and none of `excluding`,
    /// in registration order. With `unwrapShared` (the default), an expression
    /// parameter is replaced by the shared variables it reads. A ``Network``
    /// returns the parameters of the layers inside it, in the order of
    /// ``allParams(of:tags:excluding:order:)-([Layer],_,_,_)``.
    open func parameters(tags: Set<ParameterTag> = [], excluding: Set<ParameterTag> = [], unwrapShared: Bool = true) -> [Expr] {
        params.filter { $0.matches(tags: tags, excluding: excluding) }
            .flatMap { unwrapShared ? $0.sharedVariables as [Expr] : [$0.expr] }
    }

    /// `DenseLayer "hidden" (?, 64)` style text.
    public var description: String {
        let shape = (try? outputShape).map { "(" + $0.map { $0.map(String.init) ?? "?" }.joined(separator: ", ") + ")" } ?? "(?)"
        return "\(type(of: self))\(name.map { " \"\($0)\"" } ?? "") \(shape)"
    }

    public static func == (a: Layer, b: Layer) -> Bool { a === b }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
