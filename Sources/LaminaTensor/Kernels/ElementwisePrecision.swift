/// The arithmetic type an elementwise program runs in (its precision class),
/// the one home of the rule that ``ElementwiseKernel`` applies and that the
/// graph's fusion passes must respect so that fusing changes no rounding.
///
/// A program runs in `Double` when any operand or output is float64 or int32
/// (every int32 is exact in a Double), and in `Float` otherwise (float32 and
/// bool only).
package enum ElementwisePrecision: Sendable, Equatable {
    /// Float arithmetic: every operand and output is float32 or bool.
    case float
    /// Double arithmetic: some operand or output is float64 or int32.
    case double

    /// Whether a value of `dtype` among the operands or outputs makes the whole program run in Double.
    package static func requiresDouble(_ dtype: DType) -> Bool { dtype == .float64 || dtype == .int32 }

    /// The class of a program whose operands and outputs have these dtypes.
    package init(_ dtypes: some Sequence<DType>) {
        self = dtypes.contains(where: Self.requiresDouble) ? .double : .float
    }

    /// The result dtypes a step of a program of this class stores exactly as
    /// it would compute them on its own: bool, and float32 (Float) or float64
    /// (Double). A float32 result computed in Double, or an int32 result,
    /// would skip its own rounding inside a bigger program.
    package var faithfulResultTypes: Set<DType> { self == .double ? [.bool, .float64] : [.bool, .float32] }
}
