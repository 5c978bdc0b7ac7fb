import LaminaGraph

/// A penalty on one tensor: an expression that maps it to a scalar, such as ``l1(_:)`` or ``l2(_:)``.
public typealias Penalty = (Expr) throws -> Expr

/// The L1 penalty Σ|x| (Lasagne's `l1`).
public func l1(_ x: Expr) throws -> Expr { try x.abs().sum() }

/// The L2 penalty Σx², without a factor ½ (Lasagne's `l2`).
public func l2(_ x: Expr) throws -> Expr { try x.square().sum() }

/// Σ penalty(t) over `tensors` (Lasagne's `apply_penalty`). Tensors of
/// several dtypes are summed in the dtype of the first.
/// - Throws: ``LaminaError/invalidArgument(function:detail:)`` for an empty list.
public func applyPenalty(_ tensors: [Expr], _ penalty: Penalty = l2) throws -> Expr {
    guard let first = tensors.first else {
        throw LaminaError.invalidArgument(function: "applyPenalty", detail: "there are no tensors to penalize (no parameter carries the requested tags?)")
    }
    let dtype = first.dtype
    return try tensors.dropFirst().reduce(try penalty(first)) { try $0 + penalty($1).cast(to: dtype) }
}

/// The penalty on the parameters of the given layers themselves (not the
/// layers below them) that carry `tags` (by default the regularizable ones);
/// Lasagne's `regularize_layer_params`.
public func regularizeLayerParams(_ layers: [Layer], _ penalty: Penalty = l2, tags: Set<ParameterTag> = [.regularizable]) throws -> Expr {
    try applyPenalty(layers.flatMap { $0.parameters(tags: tags) }, penalty)
}

/// Σ coefficient·penalty over each layer's own parameters carrying `tags`,
/// with one coefficient per layer (Lasagne's `regularize_layer_params_weighted`).
public func regularizeLayerParamsWeighted(_ coefficients: [(Layer, Double)], _ penalty: Penalty = l2,
                                          tags: Set<ParameterTag> = [.regularizable]) throws -> Expr {
    let terms = try coefficients.map { layer, coefficient in try regularizeLayerParams([layer], penalty, tags: tags) * coefficient }
    return try applyPenalty(terms) { $0 }
}

/// The penalty on every parameter of the network below `layer` that carries
/// `tags` (Lasagne's `regularize_network_params`), each shared variable once.
public func regularizeNetworkParams(_ layer: Layer, _ penalty: Penalty = l2, tags: Set<ParameterTag> = [.regularizable]) throws -> Expr {
    try applyPenalty(allParams(of: layer, tags: tags), penalty)
}
