/// Errors raised while building layers, collecting or assigning parameters,
/// and reading or writing parameter files. Each message says what was
/// expected, what was found, and where (the layer, parameter or file).
public enum LaminaError: Error, CustomStringConvertible, Equatable {
    /// A bad constructor argument or an input shape a layer cannot take.
    case invalidLayer(layer: String, detail: String)
    /// A bad argument to a helper, initializer, objective or update rule.
    case invalidArgument(function: String, detail: String)
    /// Parameter values that do not match a network's parameters (count, name, dtype or shape).
    case parameterMismatch(detail: String)
    /// A parameter file that cannot be read or written.
    case parameterFile(path: String, detail: String)
    /// A data set that cannot be found or read.
    case dataSet(name: String, detail: String)

    public var description: String {
        switch self {
        case .invalidLayer(let layer, let detail): return "\(layer): \(detail)"
        case .invalidArgument(let function, let detail): return "\(function): \(detail)"
        case .parameterMismatch(let detail): return "parameter values: \(detail)"
        case .parameterFile(let path, let detail): return "parameter file \(path): \(detail)"
        case .dataSet(let name, let detail): return "data set \(name): \(detail)"
        }
    }
}
