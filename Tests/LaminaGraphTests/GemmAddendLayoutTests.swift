import Testing
import LaminaTensor
@testable import LaminaGraph

/// Which addends ``GemmOp`` hands to the kernel to start from where they lie (no copy into the
/// output): the whole result or one row repeated, at alpha 1 and the output's dtype.
@Suite struct GemmAddendLayoutTests {
    let storage = [Double](repeating: 0, count: 100)

    func layout(_ addendShape: [Int], _ dtype: DType = .float64, alpha: Double = 1, a: [Int] = [4, 3], b: [Int] = [3, 20]) throws -> AddendLayout? {
        let op = GemmOp(transposeA: false, transposeB: false, alpha: alpha)
        let s = try MatmulShape(a, b)
        var output = [Double](repeating: 0, count: s.resultShape.reduce(1, *))
        return storage.withUnsafeBytes { p in
            output.withUnsafeMutableBytes { o in
                op.addendLayout(RawOperand(pointer: p.baseAddress!, dtype: dtype, shape: addendShape),
                                output: RawOutput(pointer: o.baseAddress!, dtype: .float64), shape: s.resultShape, product: s)
            }
        }
    }

    @Test func wholeAndRowAddendsAreReadInPlace() throws {
        #expect(try layout([4, 20]) == .whole)
        #expect(try layout([20]) == .row)
        #expect(try layout([1, 20]) == .row)
        #expect(try layout([1, 1, 20], a: [5, 4, 3]) == .row) // (5, 4, 3)·(3, 20): 20 rows of a bias
        #expect(try layout([5, 4, 20], a: [5, 4, 3]) == .whole)
    }

    @Test func otherAddendsAreCopied() throws {
        #expect(try layout([4, 1]) == nil) // a column broadcast along rows
        #expect(try layout([1]) == nil)
        #expect(try layout([4, 20], alpha: 2) == nil) // the product is scaled before the addend joins it
        #expect(try layout([4, 20], .float32) == nil) // a cast is needed
    }
}
