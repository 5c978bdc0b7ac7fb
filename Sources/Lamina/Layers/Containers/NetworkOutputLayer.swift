import LaminaGraph

/// The output of a ``Network`` other than its first, as a layer to build on
/// (made by ``Network/output(named:)``). It has no parameters; its output is
/// the expression the network's pass computed for that output.
public final class NetworkOutputLayer: Layer, @unchecked Sendable {
    /// The network whose output this is.
    public unowned let network: Network
    /// The position of the output in ``Network/outputNames``.
    public let index: Int

    init(network: Network, index: Int) throws {
        self.network = network
        self.index = index
        try super.init(incoming: network, name: network.name.map { "\($0)[\(network.outputNames[index])]" })
    }

    /// The inner layer whose output this is.
    public var source: Layer { network.outputLayers[index] }

    public override func outputShape(for inputShapes: [[Int?]]) throws -> [Int?] {
        try network.outputShapes(for: network.inputShapes)[index]
    }

    /// Not used by ``output(of:inputs:deterministic:)-([Layer],_,_)``, which takes
    /// the expression from the network's own pass; called directly, it rebuilds
    /// the network's graph for the network's inputs, which are not available here.
    public override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        throw LaminaError.invalidLayer(layer: displayName, detail: "compute a network's named output with output(of:), which shares the network's pass")
    }
}
