import Foundation

/// The floating-point types that elementwise kernels compute in.
///
/// `Float` uses branch-free polynomial approximations (a few ulp) that the
/// compiler vectorizes; libm's `expf`/`tanhf` do not vectorize (see
/// ARCHITECTURE.md, "Platform notes", 2). `Double` uses libm, which is exact to an ulp,
/// because Float64 is where gradients are checked against finite differences.
package protocol KernelFloat: BinaryFloatingPoint & TensorScalar {
    /// e^x.
    static func kExp(_ x: Self) -> Self
    /// Natural logarithm.
    static func kLog(_ x: Self) -> Self
    /// log(1 + x), accurate for small x.
    static func kLog1p(_ x: Self) -> Self
    /// e^x − 1, accurate for small x.
    static func kExpm1(_ x: Self) -> Self
    /// Hyperbolic tangent.
    static func kTanh(_ x: Self) -> Self
    /// x^y.
    static func kPow(_ x: Self, _ y: Self) -> Self
}

extension Double: KernelFloat {
    @inlinable public static func kExp(_ x: Double) -> Double { Foundation.exp(x) }
    @inlinable public static func kLog(_ x: Double) -> Double { Foundation.log(x) }
    @inlinable public static func kLog1p(_ x: Double) -> Double { Foundation.log1p(x) }
    @inlinable public static func kExpm1(_ x: Double) -> Double { Foundation.expm1(x) }
    @inlinable public static func kTanh(_ x: Double) -> Double { Foundation.tanh(x) }
    @inlinable public static func kPow(_ x: Double, _ y: Double) -> Double { Foundation.pow(x, y) }
}

extension Float: KernelFloat {
    /// Branch-free e^x: x = n·ln2 + r with |r| ≤ ln2/2, e^r by a degree-6
    /// polynomial (Cephes expf coefficients), 2^n assembled in the exponent bits.
    /// Relative error below 2e-7 on [-87, 88]; overflows to +inf, underflows
    /// gradually through the subnormals to 0 below ln 2^-150 ≈ -103.97.
    @inlinable @inline(__always)
    public static func kExp(_ x: Float) -> Float {
        let clamped = Swift.min(Swift.max(x, -103.97208), 88.72284)
        // round(x·log2 e) with the magic-number trick (vectorizes; no rintf call)
        let magic: Float = 12582912.0 // 1.5 · 2^23
        let t = clamped * 1.44269504088896341 + magic
        let n = t - magic
        var r = clamped - n * 0.693359375
        r = r - n * -2.12194440e-4
        var p: Float = 1.9875691500e-4
        p = p * r + 1.3981999507e-3
        p = p * r + 8.3334519073e-3
        p = p * r + 4.1665795894e-2
        p = p * r + 1.6666665459e-1
        p = p * r + 5.0000001201e-1
        let r2 = r * r
        let er = p * r2 + r + 1
        // Wrapping integer operations (&+, &<<) keep the loop free of overflow
        // traps, so it vectorizes.
        // 2^n: n is an integer-valued float in [-150, 128]; build it as
        // 2^h · 2^(n-h) with h = ⌊n/2⌋, so both factors are normal floats.
        let ni = Int32(truncatingIfNeeded: t.bitPattern & 0x7FFFFF) &- 0x400000
        let half = ni &>> 1
        let scaleLow = Float(bitPattern: UInt32(truncatingIfNeeded: (half &+ 127) &<< 23))
        let scaleHigh = Float(bitPattern: UInt32(truncatingIfNeeded: (ni &- half &+ 127) &<< 23))
        var result = er * scaleLow * scaleHigh
        result = x > 88.72284 ? Float.infinity : result
        result = x < -103.97208 ? 0 : result
        return x.isNaN ? x : result
    }

    /// Branch-free natural log: x = m·2^e with m in [√½, √2), log m from the
    /// series in s = (m−1)/(m+1). Relative error below 3e-7 for normal inputs;
    /// log(0) = −inf, log(negative) = NaN, log(+inf) = +inf.
    @inlinable @inline(__always)
    public static func kLog(_ x: Float) -> Float {
        let subnormal = x < Float.leastNormalMagnitude
        let scaled = subnormal ? x * 8388608 : x // 2^23 lifts subnormals to normal
        let bits = scaled.bitPattern
        var e = Int32(truncatingIfNeeded: (bits &>> 23) & 0xFF) &- (subnormal ? 150 : 127)
        var m = Float(bitPattern: (bits & 0x007FFFFF) | 0x3F800000) // [1, 2)
        let big = m > 1.41421356
        m = big ? m * 0.5 : m
        e = big ? e &+ 1 : e
        let s = (m - 1) / (m + 1)
        let s2 = s * s
        var p: Float = 0.1818357216 // ≈ 2/11
        p = p * s2 + 0.2222222222
        p = p * s2 + 0.2857142857
        p = p * s2 + 0.4
        p = p * s2 + 0.6666666667
        p = p * s2 + 2
        var result = p * s + Float(e) * 0.693147180559945
        result = x == 0 ? -Float.infinity : result
        result = x < 0 ? Float.nan : result
        result = x == Float.infinity ? x : result
        return x.isNaN ? x : result
    }

    /// log(1+x) = log(u) − ((u−1)−x)/u with u = 1+x (corrects the rounding of u).
    @inlinable @inline(__always)
    public static func kLog1p(_ x: Float) -> Float {
        let u = 1 + x
        let corrected = kLog(u) - ((u - 1) - x) / u
        // The correction is 0/0 or ∞−∞ at u = 0 and u = ∞, where log(u) is already exact.
        return u == 1 ? x : (u == 0 || u == Float.infinity ? kLog(u) : corrected)
    }

    @inlinable public static func kExpm1(_ x: Float) -> Float { Foundation.expm1f(x) }

    /// tanh: an odd polynomial for |x| < 0.4 (relative accuracy near 0),
    /// 1 − 2/(e^{2|x|}+1) with the sign restored elsewhere.
    @inlinable @inline(__always)
    public static func kTanh(_ x: Float) -> Float {
        let ax = Swift.abs(x)
        let x2 = x * x
        // Taylor series of tanh up to x^11 (relative error < 1e-7 for |x| < 0.4)
        var p: Float = -0.0088632355
        p = p * x2 + 0.0218694885
        p = p * x2 - 0.0539682540
        p = p * x2 + 0.1333333333
        p = p * x2 - 0.3333333333
        let small = x + x * x2 * p
        let e = kExp(2 * Swift.min(ax, 20))
        var large = 1 - 2 / (e + 1)
        large = x < 0 ? -large : large
        return ax < 0.4 ? small : large
    }

    @inlinable public static func kPow(_ x: Float, _ y: Float) -> Float { Foundation.powf(x, y) }
}
