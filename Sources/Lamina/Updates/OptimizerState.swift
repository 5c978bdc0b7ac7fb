import LaminaGraph

/// The shared variables a training step changes besides `parameters`: the update rule's slots
/// (Adam's `m`, `v` and step counter `adam.t`, momentum velocities, accumulators, …) in the order of
/// `updates`, then the variables with a default update that the graph of `updates` and `outputs` uses
/// (random-stream counters, as ``function(inputs:outputs:updates:givens:options:noDefaultUpdates:)`` adds them).
///
/// Their names are stable (`"<parameter name>.<slot>"`, `"<rule>.t"`, `"<stream>.counter"`), so a
/// checkpoint can save them with the parameters and restore them by name, and a training run resumed
/// from it continues exactly where it stopped.
public func optimizerState(of updates: [(Shared, Expr)], parameters: [Shared], outputs: [Expr] = []) -> [Shared] {
    var seen = Set(parameters.map(ObjectIdentifier.init))
    var state: [Shared] = []
    for (variable, _) in updates where seen.insert(ObjectIdentifier(variable)).inserted {
        state.append(variable)
    }
    var pending = GraphTraversal.sharedVariables(of: outputs + updates.map(\.1))
    var index = 0
    while index < pending.count {
        let variable = pending[index]
        index += 1
        guard let update = variable.defaultUpdate, seen.insert(ObjectIdentifier(variable)).inserted else { continue }
        state.append(variable)
        pending += GraphTraversal.sharedVariables(of: [update])
    }
    return state
}
