import LaminaGraph

/// A layer whose parameters hold one value per position of the input's
/// *unit* axes and are broadcast over its *shared* axes (``BiasLayer``,
/// ``ScaleLayer``, ``BatchNormLayer``).
open class SharedAxesLayer: Layer, @unchecked Sendable {
    /// The input axes the parameters are broadcast over.
    public let sharedAxes: [Int]

    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` for an axis out of range.
    public init(incoming: Layer, sharedAxes: SharedAxes, name: String? = nil) throws {
        let rank = try incoming.outputShape.count
        self.sharedAxes = try sharedAxes.resolved(rank: rank, layer: name ?? String(describing: Self.self))
        try super.init(incoming: incoming, name: name)
    }

    /// The input axes along which the parameters vary.
    public var unitAxes: [Int] { inputShape.indices.filter { !sharedAxes.contains($0) } }

    /// The parameters' shape for a layer on `incoming` that is not built yet
    /// (so that a subclass can make its parameters before `super.init`): the
    /// sizes of `incoming`'s output on the axes `sharedAxes` leaves, which must be known.
    /// - Parameter layer: the layer's name in error messages.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` for an axis out of
    ///   range, or naming `purpose` and an unknown axis.
    public static func unitShape(of incoming: Layer, sharedAxes: SharedAxes, layer: String, purpose: String) throws -> [Int] {
        let shape = try incoming.outputShape
        let shared = try sharedAxes.resolved(rank: shape.count, layer: layer)
        return try knownSizes(shape, at: shape.indices.filter { !shared.contains($0) }, layer: layer, purpose: purpose)
    }

    /// A parameter (of ``unitShape(of:sharedAxes:layer:purpose:)``) laid on the unit axes of an input of `rank` axes, broadcastable elsewhere.
    public func broadcast(_ parameter: Expr, rank: Int) throws -> Expr {
        try parameter.dimshuffle(broadcastPattern(rank: rank, keeping: unitAxes))
    }
}
