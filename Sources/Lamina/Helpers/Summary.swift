import Foundation
import LaminaGraph

/// A table of the network below `layers` (Keras's `model.summary()`): one row
/// per layer, in topological order (``allLayers(of:treatAsInput:)``), with
/// the layers inside a ``Network`` listed after it, indented by two spaces per
/// level (a network's inner inputs are left out: they repeat its incoming
/// layers); each row gives the layer's ``Layer/path``, its kind, its output
/// shape (`?` for a size known only at run time) and its number of parameter
/// values (a network's row: all of its layers'). The last line gives the
/// total, counting a shared variable used by several layers once, and how
/// much of it is trainable:
///
/// ```
/// Layer            Kind        Output shape  Params
/// x                InputLayer  (?, 4)             0
/// mlp              Sequential  (?, 2)            58
///   mlp/hidden     DenseLayer  (?, 8)            40
///   mlp/out        DenseLayer  (?, 2)            18
/// Total: 58 parameter values (58 trainable)
/// ```
/// - Throws: a layer's shape error.
public func summary(of layers: [Layer]) throws -> String {
    var rows: [(String, String, String, String)] = [("Layer", "Kind", "Output shape", "Params")]
    func count(_ layer: Layer) -> Int {
        unique(layer.parameters()).compactMap { $0 as? Shared }.reduce(0) { $0 + $1.value.count }
    }
    func addRows(_ members: [Layer], shapes: [Layer: [Int?]], depth: Int) throws {
        let computed = try outputShape(of: members, inputShapes: shapes)
        for (layer, shape) in zip(members, computed) {
            if let network = layer.enclosing, network.innerInputs.contains(where: { $0 === layer }) { continue }
            rows.append((String(repeating: "  ", count: depth) + layer.path, String(describing: type(of: layer)), formatShapeSpec(shape), String(count(layer))))
            if let network = layer as? Network {
                let inputShapes = try outputShape(of: network.inputLayers, inputShapes: shapes)
                try addRows(network.layers, shapes: Dictionary(uniqueKeysWithValues: zip(network.innerInputs as [Layer], inputShapes)), depth: depth + 1)
            }
        }
    }
    try addRows(allLayers(of: layers), shapes: [:], depth: 0)
    let widths = (0..<4).map { k in rows.map { [$0.0, $0.1, $0.2, $0.3][k].count }.max()! }
    var lines = rows.map { row in
        row.0.padding(toLength: widths[0], withPad: " ", startingAt: 0) + "  " + row.1.padding(toLength: widths[1], withPad: " ", startingAt: 0)
            + "  " + row.2.padding(toLength: widths[2], withPad: " ", startingAt: 0) + "  " + String(repeating: " ", count: widths[3] - row.3.count) + row.3
    }
    lines.append("Total: \(countParams(of: layers)) parameter values (\(countParams(of: layers, tags: [.trainable])) trainable)")
    return lines.joined(separator: "\n") + "\n"
}

/// One output layer's ``summary(of:)-([Layer])``.
public func summary(of layer: Layer) throws -> String { try summary(of: [layer]) }
