import Testing
@testable import LaminaTensor

/// Column sums of float32 rows (the bias gradients of a loop, (T·batch, 4·units) summed over rows):
/// every result is 0 + row 0 + row 1 + … in row order, one float32 addition each, bit for bit.
@Suite struct ReductionRowSumTests {
    /// Values of mixed magnitude, so that another order of additions would round differently.
    static func values(_ count: Int) -> [Float] {
        (0..<count).map { (i: Int) -> Float in
            let base = Float((i * 7919) % 1013 - 506)
            let scale: Float = i % 3 == 0 ? 1e-3 : 1e3
            return base * scale + 0.1
        }
    }

    @Test(arguments: [(16, 5), (64, 3), (80, 7), (128, 50), (144, 1), (32, 0)])
    func columnSumsFollowTheRowOrder(inner: Int, rows: Int) throws {
        let x = Self.values(2 * rows * inner)   // (2, rows, inner), summing axis 1
        var output = [Float](repeating: .nan, count: 2 * inner)
        try x.withUnsafeBytes { input in
            try output.withUnsafeMutableBytes { out in
                try Reduction.run(.sum, input: input.baseAddress!, dtype: .float32, shape: [2, rows, inner], axes: [1], output: out.baseAddress!)
            }
        }
        var expected = [Float](repeating: 0, count: 2 * inner)
        for o in 0..<2 { for j in 0..<rows { for i in 0..<inner { expected[o * inner + i] += x[(o * rows + j) * inner + i] } } }
        #expect(output.map(\.bitPattern) == expected.map(\.bitPattern), "inner \(inner), rows \(rows)")
    }

    /// 0 + (−0) is +0, as in the loop that starts from 0; a NaN stays NaN.
    @Test func signedZerosAndNaN() throws {
        var x = [Float](repeating: -0.0, count: 32)
        x[17] = .nan
        var output = [Float](repeating: 1, count: 16)
        try x.withUnsafeBytes { input in
            try output.withUnsafeMutableBytes { out in
                try Reduction.run(.sum, input: input.baseAddress!, dtype: .float32, shape: [2, 16], axes: [0], output: out.baseAddress!)
            }
        }
        #expect(output[0].bitPattern == Float(0).bitPattern && output[1].isNaN)
        #expect(output.enumerated().allSatisfy { $0.offset == 1 || $0.element.bitPattern == 0 })
    }
}
