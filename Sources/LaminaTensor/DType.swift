/// The element type of an ``NDArray``.
///
/// Lamina stores four element types. Floating-point arrays hold network
/// values; `int32` holds indices and labels; `bool` holds masks and the
/// results of comparisons (one byte per element, 0 or 1).
public enum DType: String, Sendable, CaseIterable, CustomStringConvertible {
    case float32
    case float64
    case int32
    case bool

    /// Bytes per element.
    @inlinable public var byteSize: Int {
        switch self {
        case .float32, .int32: return 4
        case .float64: return 8
        case .bool: return 1
        }
    }

    /// Whether the type is `float32` or `float64`.
    @inlinable public var isFloatingPoint: Bool { self == .float32 || self == .float64 }

    public var description: String { rawValue }

    /// The type NumPy-style promotion gives two operands of an arithmetic op:
    /// float64 beats float32 beats int32 beats bool.
    public static func promoted(_ a: DType, _ b: DType) -> DType {
        func rank(_ d: DType) -> Int {
            switch d {
            case .bool: return 0
            case .int32: return 1
            case .float32: return 2
            case .float64: return 3
            }
        }
        return rank(a) >= rank(b) ? a : b
    }
}

/// A Swift scalar type that can be stored in an ``NDArray``.
public protocol TensorScalar: Sendable {
    /// The array element type this Swift type stores as.
    static var dtype: DType { get }
    /// Converts from `Double` (truncating toward zero for integers, `!= 0` for `Bool`).
    init(fromDouble value: Double)
    /// The value as a `Double` (`Bool` gives 0 or 1).
    var doubleValue: Double { get }
}

extension Float: TensorScalar {
    public static var dtype: DType { .float32 }
    @inlinable public init(fromDouble value: Double) { self = Float(value) }
    @inlinable public var doubleValue: Double { Double(self) }
}

extension Double: TensorScalar {
    public static var dtype: DType { .float64 }
    @inlinable public init(fromDouble value: Double) { self = value }
    @inlinable public var doubleValue: Double { self }
}

extension Int32: TensorScalar {
    public static var dtype: DType { .int32 }
    @inlinable public init(fromDouble value: Double) {
        // Saturate instead of trapping, NaN maps to 0 (NumPy gives INT_MIN; any
        // fixed value is acceptable for an undefined conversion, trapping is not).
        if value.isNaN { self = 0 } else if value >= 2147483647 { self = .max }
        else if value <= -2147483648 { self = .min } else { self = Int32(value.rounded(.towardZero)) }
    }
    @inlinable public var doubleValue: Double { Double(self) }
}

extension Bool: TensorScalar {
    public static var dtype: DType { .bool }
    @inlinable public init(fromDouble value: Double) { self = value != 0 }
    @inlinable public var doubleValue: Double { self ? 1 : 0 }
}
