import LaminaGraph
import LaminaTensor

/// The gate weights of a gated layer: the parameters it registered (per gate
/// or stacked, see ``GateStorage``) and the stacked matrices it computes with.
///
/// Stacked matrices put gate blocks side by side in ``order``: the input
/// weights are (features, G·units), the hidden weights (units, G·units), the
/// bias (G·units,); gate `order[p]` owns columns p·units ..< (p+1)·units.
public struct GateParameters<Name: GateName>: @unchecked Sendable {
    /// The block order.
    public let order: [Name]
    /// Units per gate.
    public let units: Int
    /// Input features.
    public let inputSize: Int
    /// Per-gate or stacked parameters.
    public let storage: GateStorage
    /// Per gate (``GateStorage/perGate``): the input weights, hidden weights and bias of each gate.
    public let perGate: [Name: (input: Expr, hidden: Expr, bias: Expr)]
    /// Stacked (``GateStorage/stacked``): the stacked input weights, hidden weights and bias.
    public let stacked: (input: Expr, hidden: Expr, bias: Expr)?

    /// The columns of `gate`'s block in stacked matrices.
    public func columns(of gate: Name) -> Range<Int> {
        Self.columns(of: gate, order: order, units: units)
    }

    /// The columns of `gate`'s block when `order` stacks blocks of `units` columns.
    static func columns(of gate: Name, order: [Name], units: Int) -> Range<Int> {
        let p = order.firstIndex(of: gate)!
        return p * units ..< (p + 1) * units
    }

    /// The stacked input weights (features, G·units), hidden weights (units, G·units) and bias (G·units,)
    /// the layer computes with: the stacked parameters, or the per-gate ones joined in ``order`` (built once).
    private let joined: (input: Expr, hidden: Expr, bias: Expr)

    init(order: [Name], units: Int, inputSize: Int, storage: GateStorage,
         perGate: [Name: (input: Expr, hidden: Expr, bias: Expr)], stacked: (input: Expr, hidden: Expr, bias: Expr)?) throws {
        self.order = order
        self.units = units
        self.inputSize = inputSize
        self.storage = storage
        self.perGate = perGate
        self.stacked = stacked
        if let stacked {
            joined = stacked
        } else {
            joined = (try Expr.concatenate(order.map { perGate[$0]!.input }, axis: 1),
                      try Expr.concatenate(order.map { perGate[$0]!.hidden }, axis: 1),
                      try Expr.concatenate(order.map { perGate[$0]!.bias }, axis: 0))
        }
    }

    /// The stacked input weights (features, G·units).
    public func inputWeights() -> Expr { joined.input }

    /// The stacked hidden weights (units, G·units).
    public func hiddenWeights() -> Expr { joined.hidden }

    /// The stacked bias (G·units,).
    public func bias() -> Expr { joined.bias }

    /// Creates the gate parameters of `gates` (in registration order) into `params`.
    ///
    /// Draws happen in this order: with ``GateDraw/perGate``, for each gate in
    /// registration order its input weights, hidden weights and bias; with
    /// ``GateDraw/stacked(input:hidden:)``, the stacked input matrix, the
    /// stacked hidden matrix, then each gate's bias; with ``GateDraw/joint(_:)``,
    /// the joint matrix, then each gate's bias.
    static func register(into layer: inout CellParameters, gates: [(Name, Gate)], layout: GateLayout<Name>,
                         inputSize: Int, units: Int) throws -> GateParameters {
        let label = layer.label
        try layout.validate(layer: label)
        let n = units, g = gates.count
        var perGate: [Name: (input: Expr, hidden: Expr, bias: Expr)] = [:]
        var stacked: (input: Expr, hidden: Expr, bias: Expr)?
        let columns = { (gate: Name) in Self.columns(of: gate, order: layout.order, units: n) }

        // Initial values per gate (sources or arrays), in registration order.
        var inputSources: [Name: any ParameterSource] = [:], hiddenSources: [Name: any ParameterSource] = [:]
        var biasSources: [Name: any ParameterSource] = [:]
        switch layout.draw {
        case .perGate:
            if layout.storage == .perGate {
                for (name, gate) in gates {
                    perGate[name] = (
                        try layer.add(gate.W_in, shape: [inputSize, n], name: "W_in_to_\(name)", role: Role.weight),
                        try layer.add(gate.W_hid, shape: [n, n], name: "W_hid_to_\(name)", role: Role.weight),
                        try layer.add(gate.b, shape: [n], name: "b_\(name)", role: Role.bias, tags: .bias))
                }
                return try GateParameters(order: layout.order, units: n, inputSize: inputSize, storage: .perGate, perGate: perGate, stacked: nil)
            }
            for (name, gate) in gates {
                inputSources[name] = try initialArray(gate.W_in, shape: [inputSize, n], what: "W_in of gate \(name)", layer: label)
                hiddenSources[name] = try initialArray(gate.W_hid, shape: [n, n], what: "W_hid of gate \(name)", layer: label)
                biasSources[name] = try initialArray(gate.b, shape: [n], what: "b of gate \(name)", layer: label)
            }
        case .stacked(let inputInit, let hiddenInit):
            let w = try inputInit.sample(shape: [inputSize, g * n])
            let u = try hiddenInit.sample(shape: [n, g * n])
            for (name, _) in gates {
                let cols = columns(name)
                inputSources[name] = try w.slice([.all, .range(cols.lowerBound, cols.upperBound)])
                hiddenSources[name] = try u.slice([.all, .range(cols.lowerBound, cols.upperBound)])
            }
        case .joint(let jointInit):
            let k = try jointInit.sample(shape: [inputSize + n, g * n])
            for (name, _) in gates {
                let cols = columns(name)
                inputSources[name] = try k.slice([.range(0, inputSize), .range(cols.lowerBound, cols.upperBound)])
                hiddenSources[name] = try k.slice([.range(inputSize, inputSize + n), .range(cols.lowerBound, cols.upperBound)])
            }
        }
        for (name, gate) in gates where biasSources[name] == nil {
            biasSources[name] = try initialArray(gate.b, shape: [n], what: "b of gate \(name)", layer: label)
        }
        switch layout.storage {
        case .perGate:
            for (name, _) in gates {
                perGate[name] = (
                    try layer.add(inputSources[name]!, shape: [inputSize, n], name: "W_in_to_\(name)", role: Role.weight),
                    try layer.add(hiddenSources[name]!, shape: [n, n], name: "W_hid_to_\(name)", role: Role.weight),
                    try layer.add(biasSources[name]!, shape: [n], name: "b_\(name)", role: Role.bias, tags: .bias))
            }
        case .stacked:
            let arrays = { (sources: [Name: any ParameterSource], axis: Int) throws -> NDArray in
                try NDArray.concatenate(layout.order.map { sources[$0] as! NDArray }, axis: axis)
            }
            stacked = (
                try layer.add(try arrays(inputSources, 1), shape: [inputSize, g * n], name: "W_in_to_gates", role: Role.weight),
                try layer.add(try arrays(hiddenSources, 1), shape: [n, g * n], name: "W_hid_to_gates", role: Role.weight),
                try layer.add(try arrays(biasSources, 0), shape: [g * n], name: "b_gates", role: Role.bias, tags: .bias))
        }
        return try GateParameters(order: layout.order, units: n, inputSize: inputSize, storage: layout.storage, perGate: perGate, stacked: stacked)
    }

    /// Sets every gate's values from per-gate arrays: input weights
    /// (features, units), hidden weights (units, units) and bias (units,),
    /// whatever the storage. Values are converted to the parameters' dtype;
    /// every value is checked before any is assigned.
    /// - Throws: ``LaminaError/parameterMismatch(detail:)`` for a missing gate, a shape that
    ///   does not fit, or a parameter that is an expression rather than a shared variable.
    public func setValues(input: [Name: NDArray], hidden: [Name: NDArray], bias: [Name: NDArray]) throws {
        for gate in order {
            guard let w = input[gate], let u = hidden[gate], let b = bias[gate] else {
                throw LaminaError.parameterMismatch(detail: "values for gate \(gate) are missing (give input, hidden and bias values for each of \(order.map(\.description).joined(separator: ", ")))")
            }
            for (value, shape, what) in [(w, [inputSize, units], "input weights"), (u, [units, units], "hidden weights"), (b, [units], "bias")] where value.shape != shape {
                throw LaminaError.parameterMismatch(detail: "the \(what) of gate \(gate) have shape \(formatShape(value.shape)), expected \(formatShape(shape))")
            }
        }
        var assignments: [(Shared, NDArray)] = []
        if let stacked {
            let dtype = try shared(stacked.input).value.dtype
            let (input, hidden, bias) = (input.mapValues { $0.cast(to: dtype) }, hidden.mapValues { $0.cast(to: dtype) }, bias.mapValues { $0.cast(to: dtype) })
            assignments = [
                (try shared(stacked.input), try NDArray.concatenate(order.map { input[$0]! }, axis: 1)),
                (try shared(stacked.hidden), try NDArray.concatenate(order.map { hidden[$0]! }, axis: 1)),
                (try shared(stacked.bias), try NDArray.concatenate(order.map { bias[$0]! }, axis: 0)),
            ]
        } else {
            for gate in order {
                let p = perGate[gate]!
                assignments += [(try shared(p.input), input[gate]!), (try shared(p.hidden), hidden[gate]!), (try shared(p.bias), bias[gate]!)]
            }
        }
        for (param, value) in assignments { try param.setValue(value.cast(to: param.value.dtype)) }
    }

    /// The current per-gate values (input weights, hidden weights, bias) of each gate.
    /// - Throws: ``LaminaError/parameterMismatch(detail:)`` when a parameter is an expression.
    public func values() throws -> [Name: (input: NDArray, hidden: NDArray, bias: NDArray)] {
        var result: [Name: (input: NDArray, hidden: NDArray, bias: NDArray)] = [:]
        for gate in order {
            if let stacked {
                let c = columns(of: gate)
                result[gate] = (try shared(stacked.input).value.slice([.all, .range(c.lowerBound, c.upperBound)]),
                                try shared(stacked.hidden).value.slice([.all, .range(c.lowerBound, c.upperBound)]),
                                try shared(stacked.bias).value.slice([.range(c.lowerBound, c.upperBound)]))
            } else {
                let p = perGate[gate]!
                result[gate] = (try shared(p.input).value, try shared(p.hidden).value, try shared(p.bias).value)
            }
        }
        return result
    }

    private func shared(_ e: Expr) throws -> Shared {
        guard let s = e as? Shared else {
            throw LaminaError.parameterMismatch(detail: "the gate parameter \(e) is an expression, not a shared variable; set the shared variables it reads instead")
        }
        return s
    }
}

/// The initial array a source gives for `shape`: an initializer's draw or an
/// array of that shape. Expressions cannot be copied into stacked storage.
func initialArray(_ source: any ParameterSource, shape: [Int], what: String, layer: String) throws -> NDArray {
    if let initializer = source as? any Initializer { return try initializer.sample(shape: shape) }
    if let array = source as? NDArray {
        guard array.shape == shape else {
            throw LaminaError.invalidLayer(layer: layer, detail: "\(what): an array of shape \(formatShape(array.shape)) was given for shape \(formatShape(shape))")
        }
        return array.dtype == LayerDefaults.floatX ? array : array.cast(to: LayerDefaults.floatX)
    }
    throw LaminaError.invalidLayer(layer: layer, detail: "\(what): an expression (\(source)) cannot be drawn into stacked weights; use GateStorage.perGate with GateDraw.perGate to tie weights to expressions")
}
