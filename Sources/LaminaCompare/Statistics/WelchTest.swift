import Foundation

/// Welch's unequal-variance two-sample t-test, two-sided.
public struct WelchTest: Sendable, Equatable {
    /// The t statistic (mean of a minus mean of b, over its standard error).
    public var t: Double
    /// Welch–Satterthwaite degrees of freedom.
    public var degreesOfFreedom: Double
    /// Two-sided p-value.
    public var p: Double

    /// Tests whether `a` and `b` have the same mean. Needs two values in each sample; with zero variance in
    /// both, equal means give p = 1 and different means p = 0.
    public init?(_ a: [Double], _ b: [Double]) {
        guard a.count >= 2, b.count >= 2 else { return nil }
        let da = Descriptive(a), db = Descriptive(b)
        let va = da.variance / Double(a.count), vb = db.variance / Double(b.count)
        let se = (va + vb).squareRoot()
        guard se > 0 else {
            t = da.mean == db.mean ? 0 : (da.mean > db.mean ? .infinity : -.infinity)
            degreesOfFreedom = Double(a.count + b.count - 2)
            p = da.mean == db.mean ? 1 : 0
            return
        }
        t = (da.mean - db.mean) / se
        let na = Double(a.count - 1), nb = Double(b.count - 1)
        let denominator: Double = va * va / na + vb * vb / nb
        degreesOfFreedom = (va + vb) * (va + vb) / denominator
        p = StudentT.twoSidedP(t: t, degreesOfFreedom: degreesOfFreedom)
    }
}

/// Student's t distribution tail probabilities via the regularized incomplete beta function.
public enum StudentT {
    /// P(|T| >= |t|) for `degreesOfFreedom` (may be fractional).
    public static func twoSidedP(t: Double, degreesOfFreedom v: Double) -> Double {
        guard t.isFinite else { return 0 }
        return min(1, max(0, regularizedIncompleteBeta(x: v / (v + t * t), a: v / 2, b: 0.5)))
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
