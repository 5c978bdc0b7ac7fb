/// Makes a layer's parameters before the layer exists (before `super.init`),
/// so that the layer can hold them as plain `let` properties; the layer then
/// registers them with ``Layer/registerParameters(_:)``. The same type a
/// recurrent cell fills (``CellParameters``): `add` names a new shared
/// variable `"prefix.name"` and reports a source that does not fit under `label`.
public typealias ParameterBuilder = CellParameters
