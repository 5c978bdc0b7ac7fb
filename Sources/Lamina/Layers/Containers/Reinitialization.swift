import LaminaGraph
import LaminaTensor

/// Re-draws the parameters of a built network in place (Blocks' `initialize()`
/// after changing `weights_init`): the shared variables keep their identity,
/// so every graph and compiled function that uses them sees the new values
/// without being rebuilt.
///
/// Only shared variables a layer created (``LayerParameter/isOwned``) are
/// re-drawn; tied or derived weights belong to the layer that made them.
/// Parameters are visited in ``allParams(of:tags:excluding:order:)-([Layer],_,_,_)``
/// order (breadth first through nesting), and each one for which `rule` gives
/// an initializer draws its current shape and dtype from the
/// ``LayerDefaults`` generator (a fresh one seeded with `seed`, when given),
/// so the draws are those of `initializer.sample(shape:dtype:)` called in that order.
/// All values are drawn before any is assigned: on an error nothing changes.
///
/// ```swift
/// try reinitialize([model], seed: 3) { param, _ in param.role.isKind(of: .recurrentWeight) ? Orthogonal() : nil }
/// ```
/// - Parameters:
///   - layers: the network's output layers, or a sub-network (then only its parameters).
///   - seed: seeds a fresh generator for the draws; `nil` uses the current one.
///   - rule: the initializer for a parameter (with the layer that registered it), or `nil` to keep it.
/// - Returns: the shared variables re-drawn, in order.
/// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` naming the parameter an initializer cannot fill.
@discardableResult
public func reinitialize(_ layers: [Layer], seed: UInt64? = nil,
                         with rule: (LayerParameter, Layer) throws -> (any Initializer)?) throws -> [Shared] {
    try LayerDefaults.using(seed: seed) {
        var seen = Set<ObjectIdentifier>()
        var draws: [(Shared, NDArray)] = []
        for layer in layersBreadthFirstThroughNesting(of: layers) {
            for param in layer.params where param.isOwned {
                guard let shared = param.expr as? Shared, seen.insert(ObjectIdentifier(shared)).inserted,
                      let initializer = try rule(param, layer) else { continue }
                let current = shared.value
                do {
                    draws.append((shared, try initializer.sample(shape: current.shape, dtype: current.dtype)))
                } catch let error as LaminaError {
                    throw LaminaError.invalidLayer(layer: layer.path, detail: "re-initializing \(shared.name ?? param.name): \(error)")
                }
            }
        }
        for (shared, value) in draws { try shared.setValue(value) }
        return draws.map(\.0)
    }
}

/// ``reinitialize(_:seed:with:)`` by role: each owned parameter takes the
/// initializer of its most specific role listed in `initializers` (a
/// recurrent weight takes `.recurrentWeight`'s entry if there is one, else
/// `.weight`'s, else `.parameter`'s); parameters of unlisted roles keep their values.
///
/// ```swift
/// try reinitialize([model], seed: 1, roles: [.weight: GlorotUniform(), .recurrentWeight: Orthogonal(), .bias: Constant(0)])
/// ```
@discardableResult
public func reinitialize(_ layers: [Layer], seed: UInt64? = nil, roles initializers: [VariableRole: any Initializer]) throws -> [Shared] {
    try reinitialize(layers, seed: seed) { param, _ in
        ([param.role.name] + param.role.ancestors).lazy.compactMap { initializers[VariableRole($0)] }.first
    }
}

/// Copies every parameter value of `template` into `layers`, in
/// ``allParams(of:tags:excluding:order:)-([Layer],_,_,_)`` order: the hook for
/// re-initializing a built network with a recipe that only knows how to
/// build (such as a harness profile): build a template the same way with the
/// other recipe, then copy. Every value is checked before any is assigned.
/// - Throws: ``LaminaError/parameterMismatch(detail:)`` when the two networks'
///   parameter lists differ in count, dtype or shape (naming the first misfit).
public func reinitialize(_ layers: [Layer], like template: [Layer]) throws {
    try setAllParamValues(of: layers, allParamValues(of: template))
}
