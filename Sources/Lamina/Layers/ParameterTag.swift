/// A tag on a layer parameter (Lasagne's parameter tags). Helpers such as
/// ``allParams(of:tags:excluding:order:)`` select parameters by the tags they
/// must carry and the tags they must not carry.
///
/// Two tags are standard: ``trainable`` (an optimizer should update it) and
/// ``regularizable`` (weight penalties apply to it). Any string is a user tag:
///
/// ```swift
/// let frozen: ParameterTag = "frozen"
/// ```
public struct ParameterTag: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The tag's name.
    public let name: String

    /// A tag named `name`.
    public init(_ name: String) { self.name = name }
    public init(stringLiteral value: String) { self.init(value) }

    /// Updated by optimizers.
    public static let trainable: ParameterTag = "trainable"
    /// Subject to weight penalties (weights usually are, biases are not).
    public static let regularizable: ParameterTag = "regularizable"
    /// A running statistic of batch normalization (not trained, not regularized).
    public static let batchNormStatistic: ParameterTag = "batch_norm_stat"

    public var description: String { name }
}

extension Set where Element == ParameterTag {
    /// The tags of an ordinary weight: trainable and regularizable (Lasagne's default).
    public static var weight: Set<ParameterTag> { [.trainable, .regularizable] }
    /// The tags of a bias, shift or gain: trainable, not regularizable.
    public static var bias: Set<ParameterTag> { [.trainable] }
}
