import Foundation

/// Student's t distribution tail probabilities via the regularized incomplete beta function.
public enum StudentT {
    /// P(|T| >= |t|) for `degreesOfFreedom` (may be fractional).
    public static func twoSidedP(t: Double, degreesOfFreedom v: Double) -> Double {
        guard t.isFinite else { return 0 }
        return min(1, max(0, regularizedIncompleteBeta(x: v / (v + t * t), a: v / 2, b: 0.5)))
    }

    /// P(T <= t) for `degreesOfFreedom` v: I_{v/(v+t²)}(v/2, 1/2) / 2 below zero, one minus that above.
    public static func cdf(_ t: Double, degreesOfFreedom v: Double) -> Double {
        if t == .infinity { return 1 }
        if t == -.infinity { return 0 }
        let tail = regularizedIncompleteBeta(x: v / (v + t * t), a: v / 2, b: 0.5) / 2
        return t < 0 ? tail : 1 - tail
    }

    /// The `probability` quantile (0 < probability < 1), by bisection on ``cdf(_:degreesOfFreedom:)``
    /// to about 1e-12 (scipy.stats.t.ppf).
    public static func quantile(_ probability: Double, degreesOfFreedom v: Double) -> Double {
        guard probability > 0, probability < 1 else { return probability <= 0 ? -.infinity : .infinity }
        var low = -1.0, high = 1.0
        while cdf(low, degreesOfFreedom: v) > probability { low *= 2 }
        while cdf(high, degreesOfFreedom: v) < probability { high *= 2 }
        return Bisection.root(low: low, high: high) { cdf($0, degreesOfFreedom: v) - probability }
    }

    /// I_x(a, b), by the continued fraction of Numerical Recipes (betacf), accurate to about 1e-14.
    public static func regularizedIncompleteBeta(x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logBeta: Double = lgamma(a + b) - lgamma(a) - lgamma(b)
        let logPowers: Double = a * log(x) + b * log(1 - x)
        let logFront = logBeta + logPowers
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * continuedFraction(x: x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * continuedFraction(x: 1 - x, a: b, b: a) / b
    }

    private static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0, d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...300 {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d; h *= d * c
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return h
    }
}
