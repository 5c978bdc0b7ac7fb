import Testing
@testable import LaminaTensor

/// The copy paths of ``ShapeKernels``: concatenated rows of several widths, and a contiguous last
/// axis of 4 or 8 bytes permuted as one element (or not, when misaligned).
@Suite struct ShapeKernelRunTests {
    /// Concatenates rows of `widths` float32 values, 3 outer rows, along axis 1, checking every
    /// element against its source: part k's element (o, j) is 1000·k + 100·o + j.
    func checkConcatenation(widths: [Int]) {
        let outer = 3
        let parts = widths.enumerated().map { k, w in
            (0..<(outer * w)).map { i in Float(1000 * k + 100 * (i / w) + i % w) }
        }
        let total = widths.reduce(0, +)
        var output = [Float](repeating: -1, count: outer * total)
        parts[0].withUnsafeBytes { p0 in
            parts[1].withUnsafeBytes { p1 in
                output.withUnsafeMutableBytes { out in
                    ShapeKernels.concatenate([(p0.baseAddress!, [outer, widths[0]]), (p1.baseAddress!, [outer, widths[1]])],
                                             axis: 1, elementSize: 4, into: out.baseAddress!)
                }
            }
        }
        var expected: [Float] = []
        for o in 0..<outer {
            for (k, w) in widths.enumerated() { expected += (0..<w).map { Float(1000 * k + 100 * o + $0) } }
        }
        #expect(output == expected, "widths \(widths)")
    }

    @Test func concatenationCopiesShortAndLongRows() {
        checkConcatenation(widths: [32, 32])   // 128-byte rows
        checkConcatenation(widths: [4, 128])   // 16 and 512 bytes
        checkConcatenation(widths: [3, 132])   // 12 and 528 bytes
        checkConcatenation(widths: [1, 5])     // 4 and 20 bytes
    }

    /// Byte rows of many widths around the copy's block sizes (8, 32) and its short-piece limit
    /// (512 bytes), five parts at once, through the engine-operand entry point: part k's byte
    /// (o, j) is (31·k + 7·o + j) mod 251, and every output byte must come from its own source.
    @Test func concatenationOfBytePiecesOfEveryLength() {
        let outer = 3
        let widths = [1, 7, 8, 33, 511, 512, 513, 64, 1030]
        for start in 0..<(widths.count - 4) {
            let chosen = Array(widths[start..<(start + 5)])
            let parts = chosen.enumerated().map { k, w in
                (0..<(outer * w)).map { i in UInt8((31 * k + 7 * (i / w) + i % w) % 251) }
            }
            var expected: [UInt8] = []
            for o in 0..<outer {
                for (k, w) in chosen.enumerated() { expected += (0..<w).map { UInt8((31 * k + 7 * o + $0) % 251) } }
            }
            var output = [UInt8](repeating: 255, count: expected.count)
            let copies = parts.map { part in
                let p = UnsafeMutableRawPointer.allocate(byteCount: part.count, alignment: 1)
                p.copyMemory(from: part, byteCount: part.count)
                return p
            }
            defer { copies.forEach { $0.deallocate() } }
            let operands = zip(copies, chosen).map { RawOperand(pointer: UnsafeRawPointer($0), dtype: .bool, shape: [outer, $1]) }
            output.withUnsafeMutableBytes { ShapeKernels.concatenate(operands, axis: 1, elementSize: 1, into: $0.baseAddress!) }
            #expect(output == expected, "widths \(chosen)")
        }
    }

    /// Axis 0 joins whole arrays; an axis after a length-1 one gives one outer row.
    @Test func concatenationAlongTheFirstAxis() {
        let a: [Double] = [1, 2, 3, 4], b: [Double] = [5, 6]
        var output = [Double](repeating: 0, count: 6)
        a.withUnsafeBytes { pa in
            b.withUnsafeBytes { pb in
                output.withUnsafeMutableBytes { out in
                    ShapeKernels.concatenate([(pa.baseAddress!, [2, 2]), (pb.baseAddress!, [1, 2])], axis: 0, elementSize: 8,
                                             into: out.baseAddress!)
                }
            }
        }
        #expect(output == [1, 2, 3, 4, 5, 6])
    }

    /// (3, 4, 2) float32 with axes 0 and 1 swapped: out[j][i][f] = in[i][j][f], whether the pairs
    /// move as one 8-byte element (aligned) or value by value (input 4 bytes off alignment).
    @Test func permutingWithAContiguousLastAxis() {
        let values = (0..<24).map(Float.init)   // in[i][j][f] = 8i + 2j + f
        var expected: [Float] = []
        for j in 0..<4 { for i in 0..<3 { for f in 0..<2 { expected.append(Float(8 * i + 2 * j + f)) } } }
        for shift in [0, 1] {
            let storage = [Float](repeating: 0, count: shift) + values
            var output = [Float](repeating: -1, count: 24 + shift)
            storage.withUnsafeBytes { input in
                output.withUnsafeMutableBytes { out in
                    ShapeKernels.permute(input.baseAddress! + 4 * shift, shape: [3, 4, 2], elementSize: 4, permutation: [1, 0, 2],
                                         into: out.baseAddress! + 4 * shift)
                }
            }
            #expect(Array(output[shift...]) == expected, "shift \(shift)")
        }
        // One float32 per step ((3, 4, 1), 4 bytes) and 16-byte float64 pairs keep the same rule.
        var single = [Float](repeating: -1, count: 12)
        let ones = (0..<12).map(Float.init)   // in[i][j][0] = 4i + j
        ones.withUnsafeBytes { input in
            single.withUnsafeMutableBytes { ShapeKernels.permute(input.baseAddress!, shape: [3, 4, 1], elementSize: 4, permutation: [1, 0, 2], into: $0.baseAddress!) }
        }
        // out[j][i] = in[i][j] = 4i + j at position 3j + i.
        let singleExpected: [Float] = (0..<12).map { (k: Int) -> Float in Float(4 * (k % 3) + k / 3) }
        #expect(single == singleExpected)
        var doubles = [Double](repeating: -1, count: 24)
        let source = (0..<24).map(Double.init)
        source.withUnsafeBytes { input in
            doubles.withUnsafeMutableBytes { ShapeKernels.permute(input.baseAddress!, shape: [3, 4, 2], elementSize: 8, permutation: [1, 0, 2], into: $0.baseAddress!) }
        }
        #expect(doubles == expected.map(Double.init))
    }
}
