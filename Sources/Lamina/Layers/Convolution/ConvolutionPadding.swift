/// How a 1-D convolution pads the time axis with zeros before sliding its
/// filter. With span s = dilation·(filterSize − 1) (the filter's reach
/// beyond its first tap) and stride 1, an input of T steps gives:
///
/// | mode | zeros before, after | output steps |
/// |---|---|---|
/// | `.valid` | 0, 0 | T − s |
/// | `.same` | ⌊s/2⌋, s − ⌊s/2⌋ | T (PyTorch's `padding='same'`: the extra zero goes after) |
/// | `.causal` | s, 0 | T; step t sees only steps ≤ t (WaveNet, Keras' `'causal'`) |
/// | `.full` | s, s | T + s (Lasagne's `'full'`) |
/// | `.explicit(before:after:)` | before, after | T + before + after − s (PyTorch's `padding=p` is `.explicit(before: p, after: p)`) |
///
/// With stride r the output has ⌊(T + before + after − s − 1) / r⌋ + 1 steps
/// (none when T + before + after ≤ s).
public enum ConvolutionPadding: Hashable, Sendable, CustomStringConvertible {
    case valid, same, causal, full
    case explicit(before: Int, after: Int)

    /// The zeros added (before, after) for a filter of span `span` = dilation·(filterSize − 1).
    public func amounts(span: Int) -> (before: Int, after: Int) {
        switch self {
        case .valid: return (0, 0)
        case .same: return (span / 2, span - span / 2)
        case .causal: return (span, 0)
        case .full: return (span, span)
        case .explicit(let before, let after): return (before, after)
        }
    }

    public var description: String {
        switch self {
        case .valid: return "valid"
        case .same: return "same"
        case .causal: return "causal"
        case .full: return "full"
        case .explicit(let before, let after): return "explicit(\(before), \(after))"
        }
    }
}
