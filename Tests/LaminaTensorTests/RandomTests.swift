import Foundation
import Testing
@testable import LaminaTensor
import LaminaTestSupport

/// Philox4x32-10 known answers, reproducibility across seeds, streams, offsets and threads, and distribution moments.
@Suite struct RandomTests {
    @Test(arguments: [
        // Random123's kat_vectors for philox4x32_10: (counter, key) → output
        ([UInt32(0), 0, 0, 0], [UInt32(0), 0], [UInt32(0x6627e8d5), 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]),
        ([0xffff_ffff, 0xffff_ffff, 0xffff_ffff, 0xffff_ffff], [0xffff_ffff, 0xffff_ffff], [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd]),
        ([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0], [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1]),
    ] as [([UInt32], [UInt32], [UInt32])])
    func philoxKnownAnswers(counter: [UInt32], key: [UInt32], expected: [UInt32]) {
        let w = Philox.block(counter: (counter[0], counter[1], counter[2], counter[3]), key: (key[0], key[1]))
        #expect([w.0, w.1, w.2, w.3] == expected)
    }

    // First draws for seed 42, stream 0, from an independent Python port of the documented
    // scheme: counter (offset lo, offset hi, stream, 0x4C414D49), key (seed lo, seed hi);
    // float32 uniform = (w0 >> 8)·2^-24, float64 uniform = ((w0 << 21) ^ (w1 >> 11))·2^-53,
    // normal = √(−2 ln((w0+1)·2^-32))·cos(2π·unit53(w1, w2)).
    @Test func firstDrawsArePinned() {
        var g = RandomGenerator(seed: 42)
        #expect(g.uniform(shape: [4]).scalars(as: Float.self) == [0.20616114139556885, 0.3838157057762146, 0.4136797785758972, 0.0517541766166687])
        g = RandomGenerator(seed: 42)
        #expect(g.uniform(shape: [4], dtype: .float64).doubles == [0.2061611927851955, 0.3838157209955422, 0.4136798354201857, 0.051754202433043184])
        g = RandomGenerator(seed: 42)
        expectClose(g.normal(shape: [4], dtype: .float64).doubles,
                    [-0.3683985769132657, -0.9250274261720042, 0.8185551070850356, 1.7790915204442483], absolute: 1e-14, relative: 1e-14)
        // a 64-bit seed, a nonzero stream and an offset
        g = RandomGenerator(seed: 0x1234_5678_90ab_cdef, stream: 3, offset: 1000)
        #expect(g.uniform(shape: [2], dtype: .float64).doubles == [0.16860412157640048, 0.8372826782418609])
        #expect(g.offset == 1002)
    }

    @Test func sameSeedSameDraws() {
        var g1 = RandomGenerator(seed: 7), g2 = RandomGenerator(seed: 7)
        for dist in [Distribution.uniform(low: -1, high: 1), .normal(mean: 0, std: 1), .bernoulli(p: 0.5)] {
            #expect(g1.draw(dist, shape: [3, 50]).doubles == g2.draw(dist, shape: [3, 50]).doubles)
        }
        #expect(g1 == g2)
    }

    @Test func seedsStreamsAndPositionsDiffer() {
        func draw(_ g: RandomGenerator) -> [Double] { var g = g; return g.uniform(shape: [64], dtype: .float64).doubles }
        let base = draw(RandomGenerator(seed: 7))
        #expect(draw(RandomGenerator(seed: 8)) != base)
        #expect(draw(RandomGenerator(seed: 7 | (1 << 40))) != base) // the high half of the seed matters
        #expect(draw(RandomGenerator(seed: 7, stream: 1)) != base)
        #expect(Set(base).count == 64) // no repeats within a draw
        // consecutive draws continue the stream rather than repeat it
        var g = RandomGenerator(seed: 7)
        let first = g.uniform(shape: [64], dtype: .float64).doubles
        let second = g.uniform(shape: [64], dtype: .float64).doubles
        #expect(first == base)
        #expect(second != base)
        #expect(g.offset == 128)
    }

    @Test func drawsDependOnlyOnPosition() {
        // two draws of 5 and 7 equal one draw of 12; starting at offset 5 gives the tail
        var split = RandomGenerator(seed: 99, stream: 2)
        let parts = split.normal(shape: [5]).doubles + split.normal(shape: [7]).doubles
        var whole = RandomGenerator(seed: 99, stream: 2)
        let all = whole.normal(shape: [3, 4]).doubles
        #expect(parts == all)
        var tail = RandomGenerator(seed: 99, stream: 2, offset: 5)
        #expect(tail.normal(shape: [7]).doubles == Array(all[5...]))
    }

    @Test(arguments: [
        (Distribution.uniform(low: -2, high: 3), DType.float32), (.normal(mean: 1, std: 2), .float64),
        (.bernoulli(p: 0.3), .bool), (.uniform(low: -5, high: 5), .int32),
    ])
    func threadCountDoesNotChangeTheDraw(_ distribution: Distribution, dtype: DType) {
        // 131072 elements: with minimumPerThread 16384, two threads really split the work.
        let count = 131_072
        let one = NDArray(zeros: [count], dtype: dtype), two = NDArray(zeros: [count], dtype: dtype)
        RandomGenerator.fill(one.buffer.pointer, count: count, dtype: dtype, distribution: distribution,
                             seed: 12345, stream: 1, offset: 77, threads: 1)
        RandomGenerator.fill(two.buffer.pointer, count: count, dtype: dtype, distribution: distribution,
                             seed: 12345, stream: 1, offset: 77, threads: 2)
        #expect(memcmp(one.buffer.pointer, two.buffer.pointer, one.byteCount) == 0)
        // and the parallel fill agrees with the generator's own draw
        var g = RandomGenerator(seed: 12345, stream: 1, offset: 77)
        let viaDraw = g.draw(distribution, shape: [count], dtype: dtype)
        #expect(memcmp(one.buffer.pointer, viaDraw.buffer.pointer, one.byteCount) == 0)
    }

    static let sampleCount = 200_000

    static func moments(_ x: [Double]) -> (mean: Double, variance: Double) {
        let mean = x.reduce(0, +) / Double(x.count)
        return (mean, x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1))
    }

    @Test(arguments: [(0.0, 1.0, DType.float32), (-3.0, 5.0, .float64), (10.0, 10.5, .float32)])
    func uniformMoments(a: Double, b: Double, dtype: DType) {
        var g = RandomGenerator(seed: 2024)
        let x = g.uniform(shape: [Self.sampleCount], low: a, high: b, dtype: dtype).doubles
        #expect(x.allSatisfy { $0 >= a && $0 < b })
        let (mean, variance) = Self.moments(x)
        // mean (a+b)/2 with standard error (b−a)/√(12n) ≈ 6.5e-4·(b−a): allow 5 standard errors;
        // variance (b−a)²/12 with relative standard error ≈ 0.2%: allow 1%.
        #expect(abs(mean - (a + b) / 2) < 5 * (b - a) / (12.0 * Double(Self.sampleCount)).squareRoot())
        #expect(abs(variance / ((b - a) * (b - a) / 12) - 1) < 0.01)
        // both halves of the range are hit about equally often
        let low = x.filter { $0 < (a + b) / 2 }.count
        #expect(abs(Double(low) / Double(Self.sampleCount) - 0.5) < 0.005)
    }

    @Test(arguments: [(0.0, 1.0, DType.float32), (3.0, 0.5, .float64)])
    func normalMoments(mu: Double, sigma: Double, dtype: DType) {
        var g = RandomGenerator(seed: 31337, stream: 4)
        let x = g.normal(shape: [Self.sampleCount], mean: mu, std: sigma, dtype: dtype).doubles
        #expect(x.allSatisfy { $0.isFinite })
        let (mean, variance) = Self.moments(x)
        // standard error of the mean σ/√n ≈ 0.0022σ; of the std ≈ σ/√(2n) ≈ 0.0016σ
        #expect(abs(mean - mu) < 5 * sigma / Double(Self.sampleCount).squareRoot())
        #expect(abs(variance.squareRoot() / sigma - 1) < 0.01)
        // P(|z| < 1) = 0.6827 (erf(1/√2)), standard error ≈ 0.001
        let within = x.filter { abs($0 - mu) < sigma }.count
        #expect(abs(Double(within) / Double(Self.sampleCount) - 0.6827) < 0.005)
    }

    @Test(arguments: [0.3, 0.9])
    func bernoulliFrequency(p: Double) {
        var g = RandomGenerator(seed: 5)
        let x = g.bernoulli(shape: [Self.sampleCount], p: p).doubles
        #expect(x.allSatisfy { $0 == 0 || $0 == 1 })
        let frequency = x.reduce(0, +) / Double(Self.sampleCount)
        // standard error √(p(1−p)/n) ≤ 0.0011
        #expect(abs(frequency - p) < 0.005)
        var h = RandomGenerator(seed: 5)
        let mask = h.bernoulli(shape: [1000], p: p, dtype: .bool)
        #expect(mask.dtype == .bool)
        #expect(mask.doubles == Array(x[..<1000]))
    }

    @Test func bernoulliExtremes() {
        var g = RandomGenerator(seed: 6)
        #expect(g.bernoulli(shape: [5000], p: 0).doubles.allSatisfy { $0 == 0 })
        #expect(g.bernoulli(shape: [5000], p: 1).doubles.allSatisfy { $0 == 1 })
    }

    @Test func float32UniformNeverReachesHigh() {
        // At seed 0, stream 0, position 39945497 the first Philox word is 0xffffffe6, so the
        // float32 unit draw is 1 − 2^-24 (found by a brute-force search in C over the documented
        // scheme). low + (high − low)·u = 2 − 2^-24 would round to 2.0 in float32.
        var g = RandomGenerator(seed: 0, offset: 39_945_497)
        let x = g.uniform(shape: [1], low: 1, high: 2).scalars(as: Float.self)[0]
        #expect(x < 2)
        #expect(x == Float(2).nextDown)
        var h = RandomGenerator(seed: 0, offset: 39_945_497)
        #expect(h.uniform(shape: [1]).scalars(as: Float.self)[0] == 1 - 0x1p-24) // unit range: exact
    }

    @Test func integerAndEmptyDraws() {
        var g = RandomGenerator(seed: 1)
        let ints = g.uniform(shape: [10_000], low: 0, high: 10, dtype: .int32)
        #expect(ints.dtype == .int32)
        #expect(Set(ints.doubles) == Set((0..<10).map(Double.init))) // truncation covers 0…9
        let before = g.offset
        let empty = g.normal(shape: [0, 4])
        #expect(empty.count == 0)
        #expect(g.offset == before)
    }

    @Test func distributionDescriptions() {
        #expect(Distribution.uniform(low: 0, high: 1).description == "uniform(0.0, 1.0)")
        #expect(Distribution.normal(mean: 0, std: 2).description == "normal(0.0, 2.0)")
        #expect(Distribution.bernoulli(p: 0.25).description == "bernoulli(0.25)")
    }
}
