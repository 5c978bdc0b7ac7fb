import Foundation
import LaminaTensor
import Synchronization

/// A node of the expression graph: a symbolic tensor with a static
/// ``TensorType`` (Theano's `TensorVariable`).
///
/// An expression is an input (a named placeholder fed when a compiled
/// function is called), a constant, a ``Shared`` variable, or the
/// application of an ``Op`` to other expressions. Expressions are immutable
/// (apart from their display name) and compared by identity.
///
/// ```swift
/// let x = Expr.input("x", shape: [nil, 3])
/// let W = Shared(NDArray([Float](repeating: 0.1, count: 6), shape: [3, 2]), name: "W")
/// let y = try x.dot(W).tanh()
/// ```
public class Expr: Hashable, CustomStringConvertible, @unchecked Sendable {
    /// What kind of node this is.
    public enum Kind {
        case input
        case constant(NDArray)
        case shared
        case apply(any Op, [Expr])
    }

    private static let counter = Atomic<Int>(0)

    /// A process-wide unique number, used for printing and ordering.
    public let id: Int
    /// The static type.
    public let type: TensorType
    /// The kind of node.
    public let kind: Kind
    /// A display name (inputs and shared variables always have one).
    public var name: String?
    /// Free-form annotations (for example the layer and role that produced
    /// this expression), used by graph walkers to find values by role.
    public var annotations: [String: String] = [:]

    /// The id the next expression will get (expressions built later have larger ids).
    static var nextID: Int { counter.load(ordering: .relaxed) + 1 }

    init(type: TensorType, kind: Kind, name: String?) {
        id = Expr.counter.add(1, ordering: .relaxed).newValue
        self.type = type
        self.kind = kind
        self.name = name
    }

    /// A named input of the given dtype and shape (`nil` for sizes known only at run time).
    public static func input(_ name: String, dtype: DType = .float32, shape: [Int?]) -> Expr {
        Expr(type: TensorType(dtype, shape), kind: .input, name: name)
    }

    /// A constant array.
    public static func constant(_ value: NDArray, name: String? = nil) -> Expr {
        Expr(type: TensorType(value.dtype, value.shape.map { $0 }), kind: .constant(value), name: name)
    }

    /// A rank-0 constant of the given dtype.
    public static func scalar(_ value: Double, dtype: DType = .float32) -> Expr {
        constant(NDArray(repeating: value, shape: [], dtype: dtype))
    }

    /// Applies `op` to `inputs`, checking types.
    /// - Throws: the op's ``GraphError`` when the operands do not fit.
    public static func apply(_ op: any Op, _ inputs: [Expr]) throws -> Expr {
        let type = try op.outputType(inputs.map(\.type))
        return Expr(type: type, kind: .apply(op, inputs), name: nil)
    }

    /// The op, for an op application.
    public var op: (any Op)? { if case .apply(let op, _) = kind { return op }; return nil }
    /// The operands, for an op application (empty otherwise).
    public var inputs: [Expr] { if case .apply(_, let inputs) = kind { return inputs }; return [] }
    /// The value, for a constant.
    public var constantValue: NDArray? { if case .constant(let v) = kind { return v }; return nil }
    /// Whether this is a named input placeholder.
    public var isInput: Bool { if case .input = kind { return true }; return false }

    public var dtype: DType { type.dtype }
    public var rank: Int { type.rank }
    public var shape: [Int?] { type.shape }

    public static func == (a: Expr, b: Expr) -> Bool { a === b }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }

    /// A one-line description: the name (or op) and the type.
    public var description: String {
        switch kind {
        case .input, .shared: return "\(name ?? "?"): \(type)"
        case .constant(let v): return v.count <= 4 ? "constant \(v)" : "constant \(type)"
        case .apply(let op, _): return "\(name.map { "\($0) = " } ?? "")\(op.name): \(type)"
        }
    }

    /// Gives the expression a display name and returns it (for chaining).
    @discardableResult
    public func named(_ name: String) -> Self {
        self.name = name
        return self
    }
}

/// A variable that owns a mutable array (Theano's shared variable).
/// Parameters and optimizer state are `Shared`. A compiled function reads the
/// current value at each call, and its updates replace the value.
public final class Shared: Expr, @unchecked Sendable {
    private let lock = NSLock()
    private var storedValue: NDArray

    /// The update a compiled function applies to this variable when it is
    /// used and not updated explicitly (Theano's `default_update`); random
    /// streams use it to advance their counter on every call.
    public var defaultUpdate: Expr? {
        get { lock.withLock { storedDefaultUpdate } }
        set { lock.withLock { storedDefaultUpdate = newValue } }
    }
    private var storedDefaultUpdate: Expr?

    /// Creates a shared variable holding `value`. By default every axis's size
    /// is fixed; pass `shape` with `nil` entries to allow sizes to change.
    public init(_ value: NDArray, name: String, shape: [Int?]? = nil) {
        storedValue = value
        let declared = shape ?? value.shape.map { $0 }
        precondition(TensorType(value.dtype, declared).accepts(value), "shared \(name): value \(formatShape(value.shape)) does not fit \(declared)")
        super.init(type: TensorType(value.dtype, declared), kind: .shared, name: name)
    }

    /// The current value.
    public var value: NDArray {
        lock.withLock { storedValue }
    }

    /// Replaces the value.
    /// - Throws: ``GraphError`` if the dtype or a fixed axis size differs.
    public func setValue(_ newValue: NDArray) throws {
        guard type.accepts(newValue) else {
            throw GraphError.function("shared variable \(name ?? "?") of type \(type) cannot take a value of dtype \(newValue.dtype) and shape \(formatShape(newValue.shape))")
        }
        lock.withLock { storedValue = newValue }
    }

    /// Replaces the value without checks and returns the old value's buffer
    /// (used by compiled functions, whose update values are already type-checked).
    func exchangeValue(_ newValue: NDArray) -> TensorBuffer {
        lock.withLock {
            let old = storedValue.buffer
            storedValue = newValue
            return old
        }
    }
}
