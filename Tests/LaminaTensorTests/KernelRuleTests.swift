import Testing
@testable import LaminaTensor

/// The rules LaminaTensor owns for the graph too: the matmul shape rule over
/// partly unknown sizes, and the elementwise precision class.
@Suite struct KernelRuleTests {
    /// Unknown sizes (nil) agree with anything; a size known on either side is kept.
    @Test func matmulShapeRuleWithUnknownSizes() throws {
        // (?, 3)·(3, ?) → (?, ?), inner 3
        let a = try MatmulShapeRule.resolve([nil, 3], [3, nil], transposeA: false, transposeB: false)
        #expect(a.resultShape == [nil, nil] && a.k == 3 && a.m == nil && a.n == nil)
        // (2, ?)·(4, 5): the inner size comes from B
        let b = try MatmulShapeRule.resolve([2, nil], [4, 5], transposeA: false, transposeB: false)
        #expect(b.resultShape == [2, 5] && b.k == 4)
        // batched (?, 2, 3)·(4, 3, 5) → (4, 2, 5): the batch size comes from B
        let c = try MatmulShapeRule.resolve([nil, 2, 3], [4, 3, 5], transposeA: false, transposeB: false)
        #expect(c.resultShape == [4, 2, 5] && c.batchAxes == [4])
        // (?, 7, 3)·(3, 2) → (?, 7, 2): the leading axes make m only when all are known
        let d = try MatmulShapeRule.resolve([nil, 7, 3], [3, 2], transposeA: false, transposeB: false)
        #expect(d.resultShape == [nil, 7, 2] && d.m == nil)
        // (3, 4)ᵀ·(?, 3)ᵀ = (4, 3)·(3, ?) → (4, ?)
        let e = try MatmulShapeRule.resolve([3, 4], [nil, 3], transposeA: true, transposeB: true)
        #expect(e.resultShape == [4, nil] && e.k == 3)
    }

    /// The reasons are the words both modules' messages end with.
    @Test func matmulShapeRuleReasons() {
        func reason(_ a: [Int?], _ b: [Int?], _ ta: Bool = false, _ tb: Bool = false) -> String? {
            do throws(MatmulShapeRule.Mismatch) {
                _ = try MatmulShapeRule.resolve(a, b, transposeA: ta, transposeB: tb)
                return nil
            } catch {
                return error.reason
            }
        }
        #expect(reason([2, 3], [4, nil]) == "inner sizes 3 and 4 differ")
        #expect(reason([nil, 2, 3], [5, 3, 2, 1]) == "batch axes differ")
        #expect(reason([2, 2, 3], [3, 3, 2]) == "batch axes differ")
        #expect(reason([2, 3], [2, 3, 4]) == "a batched product needs both operands batched")
        #expect(reason([], [3]) == "scalars have no matrix product")
        #expect(reason([3], [3, 2], true) == "only matrices can be transposed")
        #expect(reason([2, 2, 3], [3, 2], true) == "only a matrix can be transposed")
        #expect(reason([nil, 2, 3], [nil, 3, 2]) == nil)
    }

    /// Known sizes give the same answer through MatmulShape, with every size resolved.
    @Test func matmulShapeUsesTheRule() throws {
        let s = try MatmulShape([2, 5, 3], [3, 4])
        #expect(s.batch == 1 && s.m == 10 && s.k == 3 && s.n == 4 && s.resultShape == [2, 5, 4])
        let v = try MatmulShape([3], [3, 4])
        #expect(v.m == 1 && v.resultShape == [4])
    }

    /// Double when an operand or output is float64 or int32; Float for float32 and bool only.
    @Test func elementwisePrecisionClass() {
        #expect(ElementwisePrecision([.float32, .bool, .float32]) == .float)
        #expect(ElementwisePrecision([.float32, .int32]) == .double)
        #expect(ElementwisePrecision([.bool, .float64]) == .double)
        #expect(ElementwisePrecision([DType]()) == .float)
        #expect(DType.allCases.filter(ElementwisePrecision.requiresDouble) == [.float64, .int32])
        #expect(ElementwisePrecision.double.faithfulResultTypes == [.bool, .float64])
        #expect(ElementwisePrecision.float.faithfulResultTypes == [.bool, .float32])
    }
}
