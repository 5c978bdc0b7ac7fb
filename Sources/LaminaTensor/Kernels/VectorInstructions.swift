import CKernels

/// The vector instructions of Lamina's float32 kernels (packed products, fused
/// elementwise loops, transcendentals).
///
/// Each kernel has a baseline build, an AVX2 + FMA build (8 floats per vector)
/// and an AVX-512F build (16 floats per vector), and picks the widest the
/// processor has at run time. The AVX2 and AVX-512 builds give the same bits:
/// only which elements share a vector changes, never the operations on one
/// element or their order (a product's element is its start value plus
/// a[i][k]·b[k][j] for k = 0, 1, … with one fused multiply-add each). The one
/// exception is which payload a NaN result carries when several operands are
/// NaN (x86 passes on the first operand's, and the compiler orders operands
/// freely); a NaN stays a NaN. The baseline rounds products and sums
/// separately, so processors without FMA get other numbers.
///
/// `LAMINA_VECTOR_WIDTH=8` (read at the first kernel call), or ``widthLimit``
/// = 8, keeps the kernels at AVX2 on an AVX-512 processor: for comparing
/// speeds, and for checking that the results do not change.
public enum VectorInstructions {
    /// The values `LAMINA_VECTOR_WIDTH` accepts: 8 (AVX2 + FMA at most) and 16 (the widest the processor has, the default).
    public static let widthSettings = ["8", "16"]

    /// The widest vectors, in floats, the kernels may use from now on: 16 (the default) or 8.
    /// Setting it applies to the whole process; a value of 8 or less means 8.
    public static var widthLimit: Int {
        get { Int(lamina_vector_width_limit()) }
        set { lamina_set_vector_width_limit(Int32(clamping: newValue)) }
    }

    /// What the kernels run now: "AVX-512F", "AVX2 + FMA" or "baseline (no FMA)".
    public static var inUse: String {
        if lamina_use_avx512() != 0 { return "AVX-512F" }
        return lamina_has_avx2_fma() != 0 ? "AVX2 + FMA" : "baseline (no FMA)"
    }

    /// Whether the processor has AVX-512F (besides AVX2 and FMA), whatever ``widthLimit`` says.
    public static var processorHasAVX512: Bool { lamina_has_avx512f() != 0 }
}
