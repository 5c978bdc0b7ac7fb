// Taps an intermediate layer: one call to `output(of:)` returns the hidden
// layer's activations and the network's output from one shared graph (one
// dropout mask), and one compiled function computes the loss, the hidden
// activations and a training step together. A graph walker then finds the
// same hidden output again by its annotations.
import Foundation
import Lamina
import LaminaGraph
import LaminaTensor

do {
    let (input, hidden, network) = try LayerDefaults.using(seed: 7) {
        let input = try InputLayer(shape: [nil, 2], name: "x")
        let hidden = try DenseLayer(incoming: input, units: 8, nonlinearity: .tanh, name: "hidden")
        let dropped = try DropoutLayer(incoming: hidden, p: 0.1, name: "dropout")
        let output = try DenseLayer(incoming: dropped, units: 1, nonlinearity: .sigmoid, name: "output")
        return (input, hidden, output)
    }
    let targets = Expr.input("targets", shape: [nil, 1])

    // One pass: both expressions share every common subgraph.
    let tapped = try output(of: [hidden, network])
    let (activations, prediction) = (tapped[0], tapped[1])
    let loss = try aggregate(binaryCrossEntropy(prediction, targets))
    // The hidden activations' mean square, a value we watch while training.
    let activity = try activations.square().mean()
    let step = try function(inputs: [input.inputVar, targets], outputs: [loss, activity, activations],
                            updates: adam(.loss(loss), params: allParams(of: network, tags: [.trainable]), learningRate: 0.05))

    // XOR of two inputs.
    let x = NDArray([0, 0, 0, 1, 1, 0, 1, 1] as [Float], shape: [4, 2])
    let t = NDArray([0, 1, 1, 0] as [Float], shape: [4, 1])
    for iteration in 0...300 {
        let results = try step(x, t)
        if iteration % 100 == 0 {
            print(String(format: "iteration %3d: loss %.4f, mean square of hidden activations %.4f", iteration, results[0].scalarValue, results[1].scalarValue))
        }
    }
    let last = try step(x, t)
    print("hidden activations for the four inputs (shape \(formatShape(last[2].shape))):")
    print(last[2])

    // The same hidden output, found in the loss's graph by the annotations layers leave.
    let found = GraphTraversal.find(in: [loss], where: [Role.layerKey: "hidden", Role.key: Role.output])
    print("found in the loss graph:", found.map(\.description), "— the tapped expression:", found.first === activations)
} catch {
    print("error: \(error)")
    exit(1)
}
