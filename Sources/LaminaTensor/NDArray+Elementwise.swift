/// Elementwise arithmetic on arrays, with NumPy broadcasting.
extension NDArray {
    /// Runs an elementwise program over `operands` broadcast together.
    /// - Parameters:
    ///   - outputTypes: the dtype of each output; by default the program's own result types.
    /// - Throws: ``TensorError`` naming `operation` when the shapes do not broadcast.
    public static func elementwise(_ program: ElementwiseProgram, _ operands: [NDArray], outputTypes: [DType]? = nil,
                                   operation: String = "elementwise") throws -> [NDArray] {
        let shape = try Broadcasting.shape(operands.map(\.shape), operation: operation)
        let types = outputTypes ?? program.outputTypes(operandTypes: operands.map(\.dtype))
        return elementwise(program, operands, outputTypes: types, shape: shape)
    }

    /// `f` applied to every element.
    public func applying(_ f: UnaryFunction) -> NDArray {
        // A single operand always broadcasts to its own shape.
        try! NDArray.elementwise(.unary(f), [self], operation: f.name)[0]
    }

    /// `f(self, other)` elementwise, broadcasting.
    public func combining(_ f: BinaryFunction, _ other: NDArray) throws -> NDArray {
        try NDArray.elementwise(.binary(f), [self, other], operation: f.rawValue)[0]
    }

    /// `where(condition, a, b)`: elements of `a` where `condition` is nonzero, else of `b`.
    public static func select(_ condition: NDArray, _ a: NDArray, _ b: NDArray) throws -> NDArray {
        try elementwise(.ternary(.select), [condition, a, b], operation: "where")[0]
    }

    /// Elements limited to `[low, high]`.
    public func clipped(low: NDArray, high: NDArray) throws -> NDArray {
        try NDArray.elementwise(.ternary(.clip), [self, low, high], operation: "clip")[0]
    }

    /// The elements converted to `dtype` (floats to int32 truncate toward zero; nonzero becomes true).
    public func cast(to dtype: DType) -> NDArray {
        if dtype == self.dtype { return self }
        return try! NDArray.elementwise(.unary(.identity), [self], outputTypes: [dtype], operation: "cast")[0]
    }

    public static func + (a: NDArray, b: NDArray) throws -> NDArray { try a.combining(.add, b) }
    public static func - (a: NDArray, b: NDArray) throws -> NDArray { try a.combining(.subtract, b) }
    public static func * (a: NDArray, b: NDArray) throws -> NDArray { try a.combining(.multiply, b) }
    public static func / (a: NDArray, b: NDArray) throws -> NDArray { try a.combining(.divide, b) }
    public static prefix func - (a: NDArray) -> NDArray { a.applying(.negate) }
}
