import Foundation
import Synchronization
import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Repeated calls reuse the buffers allocated by the first call (regrown
/// when a call is bigger) and still compute the right values when the batch
/// size changes from call to call.
@Suite struct FunctionRepeatedCallTests {
    static let weights: [Double] = [0.1, -0.2, 0.3, 0.4, 0.3, 0.4, -0.5, 0.6, -0.7, 0.8, 0.9, -1.0] // (3, 4)
    static let bias: [Double] = [0.05, -0.1, 0.2, 0]

    /// A batch of `n` rows of 3 values, different for each n.
    static func batch(_ n: Int) -> [Double] {
        (0..<(n * 3)).map { i in Double((i * 7 + n) % 11) / 5 - 1 }
    }

    /// softmax(2·tanh(xW + b)) row by row, and the row sums of tanh(xW + b), in plain Swift.
    static func reference(_ x: [Double], rows n: Int) -> (probabilities: [Double], sums: [Double]) {
        var probabilities: [Double] = [], sums: [Double] = []
        for r in 0..<n {
            var h = [Double](repeating: 0, count: 4)
            for j in 0..<4 {
                var acc = bias[j]
                for k in 0..<3 { acc += x[r * 3 + k] * weights[k * 4 + j] }
                h[j] = tanh(acc)
            }
            sums.append(h.reduce(0, +))
            let z = h.map { 2 * $0 }
            let m = z.max()!
            let e = z.map { exp($0 - m) }
            let total = e.reduce(0, +)
            probabilities += e.map { $0 / total }
        }
        return (probabilities, sums)
    }

    @Test func batchSizeChangingBetweenCalls() throws {
        let x = Expr.input("x", dtype: .float64, shape: [nil, 3])
        let w = Shared(Feed.f64(Self.weights, [3, 4]), name: "W")
        let b = Shared(Feed.f64(Self.bias), name: "b")
        let h = try (x.dot(w) + b).tanh()
        let f = try function(inputs: [x], outputs: [(h * 2).softmax(), h.sum(axes: [1])])
        var kept: [(Int, [NDArray])] = []
        // Bigger, smaller, bigger again, a single row, then the first size again.
        for n in [4, 2, 9, 1, 4] {
            let r = try f(Feed.f64(Self.batch(n), [n, 3]))
            let expected = Self.reference(Self.batch(n), rows: n)
            #expect(r[0].shape == [n, 4])
            #expect(r[1].shape == [n])
            expectClose(r[0].doubles, expected.probabilities, absolute: 1e-15, relative: 1e-13, "n = \(n)")
            expectClose(r[1].doubles, expected.sums, absolute: 1e-15, relative: 1e-13, "n = \(n)")
            kept.append((n, r))
        }
        // Arrays returned earlier were not overwritten by later calls.
        for (n, r) in kept {
            expectClose(r[0].doubles, Self.reference(Self.batch(n), rows: n).probabilities,
                        absolute: 1e-15, relative: 1e-13, "kept n = \(n)")
        }
    }

    @Test func aFusedInPlaceChainWithChangingLengths() throws {
        let x = Expr.input("x", dtype: .float64, shape: [nil])
        let f = try function(inputs: [x], outputs: [(x * x + 1).log().sum(), (x * x + 1).log()])
        for n in [1000, 10, 2000, 3] {
            let values = (0..<n).map { Double($0 % 13) - 6 }
            let r = try f(Feed.f64(values))
            let expected = values.map { log($0 * $0 + 1) }
            expectClose(r[1].doubles, expected, absolute: 1e-12, relative: 1e-15, "n = \(n)")
            expectClose([r[0].scalarValue], [expected.reduce(0, +)], absolute: 1e-12, relative: 1e-12, "n = \(n)")
        }
    }

    @Test func callsFromSeveralThreadsEachGetTheirOwnValues() throws {
        let x = Expr.input("x", dtype: .float64, shape: [nil])
        let f = try function(inputs: [x], outputs: [(x * 2 + 1).exp().log(), x.sum()])
        let failures = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 8) { t in
            for k in 0..<25 {
                let n = 1 + (t * 7 + k) % 50
                let values = (0..<n).map { Double($0 + t) }
                guard let r = try? f(Feed.f64(values)),
                      r[0].doubles == values.map({ log(exp($0 * 2 + 1)) }),
                      r[1].scalarValue == values.reduce(0, +) else {
                    failures.withLock { $0 += 1 }
                    continue
                }
            }
        }
        #expect(failures.withLock { $0 } == 0)
    }

    @Test func buffersAreAllocatedOnceForEqualShapes() throws {
        // Same values from the same function, called many times.
        let x = Expr.input("x", dtype: .float32, shape: [nil, 2])
        let f = try function(inputs: [x], outputs: [x.softmax().sum(axes: [0])])
        let input = Feed.f32([0, 0, 1, 1, 2, 2], [3, 2])
        for _ in 0..<20 {
            #expect(try f(input)[0].doubles == [1.5, 1.5])
        }
    }
}
