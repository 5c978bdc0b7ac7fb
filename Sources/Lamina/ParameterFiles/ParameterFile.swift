import Foundation
import LaminaGraph
import LaminaTensor

/// How parameter files key their arrays.
public enum ParameterKeys: Sendable {
    /// By parameter name (`"hidden.W"`); names must be unique.
    case names
    /// By position in parameter order, as `arr_0`, `arr_1`, … (what
    /// `numpy.savez(f, *values)` writes; Lasagne users save
    /// `get_all_param_values` this way). When a file's keys are not all
    /// `arr_N`, loading by position takes them in archive order.
    case positions
}

/// Saves the selected parameters' values to a NumPy `.npz` file, written
/// atomically (see ``Npz/write(_:to:)``), readable with `numpy.load`.
///
/// - Parameters:
///   - layers: the output layers of the network.
///   - path: the file to write.
///   - keys: ``ParameterKeys/names`` (default) or ``ParameterKeys/positions``.
///   - tags, excluding, order: which parameters, in which order (see
///     ``allParams(of:tags:excluding:order:)-([Layer],_,_,_)``); all of them by default,
///     including batch-normalization averages.
/// - Throws: ``LaminaError/parameterFile(path:detail:)`` for repeated parameter names
///   with `.names`, or when the file cannot be written.
public func saveParams(of layers: [Layer], to path: String, keys: ParameterKeys = .names, tags: Set<ParameterTag> = [],
                       excluding: Set<ParameterTag> = [], order: ParameterOrder = .breadthFirst) throws {
    let params = allParams(of: layers, tags: tags, excluding: excluding, order: order)
    let names = try keyNames(params, keys, path: path)
    try Npz.write(zip(names, params).map { ($0, $1.value) }, to: path)
}

/// Loads the selected parameters' values from a NumPy `.npz` file.
///
/// Every check comes before any assignment, so a file that does not match
/// leaves the network unchanged: by name, the file's keys must be exactly
/// the parameter names; by position, the file must hold one array per
/// parameter; and each array must have its parameter's dtype and shape.
///
/// - Throws: ``LaminaError/parameterFile(path:detail:)`` naming the missing or
///   unexpected keys, the counts, or the parameter whose dtype or shape differs.
public func loadParams(into layers: [Layer], from path: String, matching keys: ParameterKeys = .names,
                       tags: Set<ParameterTag> = [], excluding: Set<ParameterTag> = [], order: ParameterOrder = .breadthFirst) throws {
    let params = allParams(of: layers, tags: tags, excluding: excluding, order: order)
    let arrays = try Npz.read(from: path)
    let values: [NDArray], labels: [String]
    switch keys {
    case .names:
        let names = try keyNames(params, .names, path: path)
        let byName = Dictionary(arrays.map { ($0.name, $0.array) }, uniquingKeysWith: { a, _ in a })
        let missing = names.filter { byName[$0] == nil }
        let unexpected = arrays.map(\.name).filter { !names.contains($0) }
        guard missing.isEmpty && unexpected.isEmpty else {
            var problems: [String] = []
            if !missing.isEmpty { problems.append("it has no array for parameter(s) \(missing.joined(separator: ", "))") }
            if !unexpected.isEmpty { problems.append("its array(s) \(unexpected.joined(separator: ", ")) match no parameter") }
            throw LaminaError.parameterFile(path: path, detail: "the file holds \(arrays.count) array(s) for \(params.count) parameter(s): " + problems.joined(separator: "; "))
        }
        values = names.map { byName[$0]! }
        labels = names.map { "array \($0)" }
    case .positions:
        guard arrays.count == params.count else {
            throw LaminaError.parameterFile(path: path, detail: "the file holds \(arrays.count) array(s) for \(params.count) parameter(s)")
        }
        let positional = arrays.map(\.name) .compactMap(positionalIndex)
        let ordered = Set(positional) == Set(0..<arrays.count) && positional.count == arrays.count
            ? arrays.sorted { positionalIndex($0.name)! < positionalIndex($1.name)! } : arrays
        values = ordered.map(\.array)
        labels = ordered.map { "array \($0.name)" }
    }
    do {
        try assignChecked(values, to: params, labels: labels)
    } catch LaminaError.parameterMismatch(let detail) {
        throw LaminaError.parameterFile(path: path, detail: detail)
    }
}

/// The keys for `params`: their names (checked unique) or `arr_0`, `arr_1`, ….
private func keyNames(_ params: [Shared], _ keys: ParameterKeys, path: String) throws -> [String] {
    switch keys {
    case .positions:
        return params.indices.map { "arr_\($0)" }
    case .names:
        let names = params.map { $0.name ?? "" }
        let repeated = Dictionary(grouping: names, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        guard repeated.isEmpty else {
            throw LaminaError.parameterFile(path: path, detail: "parameter names are not unique (\(repeated.map { "'\($0)'" }.joined(separator: ", "))); name the layers, or use keys: .positions")
        }
        return names
    }
}

/// N for a key `arr_N`.
private func positionalIndex(_ key: String) -> Int? {
    key.hasPrefix("arr_") ? Int(key.dropFirst(4)) : nil
}
