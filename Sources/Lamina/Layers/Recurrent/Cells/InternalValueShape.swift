extension RecurrentLayerBase {
    /// The shape, without the batch and step axes, of the internal value with `role` (a gate, or an
    /// attention decoder's weights over the encoder positions): the cell's
    /// ``RecurrentCell/internalShape(role:contextShapes:)`` for the layer's context inputs, or the
    /// output state's shape for a layer without a cell.
    public func internalValueShape(role: VariableRole) -> [Int?] {
        guard let cell = recurrentCell else { return stateShapes[outputStateIndex].map { Optional($0) } }
        return cell.internalShape(role: role, contextShapes: contextIndices.map { inputShapes[$0] })
    }
}
