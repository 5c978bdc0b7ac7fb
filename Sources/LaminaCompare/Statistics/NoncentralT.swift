import Foundation

/// The noncentral t distribution, for power and for intervals of a standardized effect.
public enum NoncentralT {
    /// P(T <= t) for `degreesOfFreedom` ν and noncentrality δ, by the series of Lenth (1989),
    /// "Algorithm AS 243: Cumulative distribution function of the non-central t distribution",
    /// Applied Statistics 38(1), 185–189: a Poisson mixture of incomplete beta functions summed to an error
    /// bound of 1e-12 (scipy.stats.nct.cdf to about 1e-10 for the sizes used here).
    public static func cdf(_ t: Double, degreesOfFreedom v: Double, noncentrality delta: Double) -> Double {
        if t == .infinity { return 1 }
        if t == -.infinity { return 0 }
        // The series starts from exp(−δ²/2), which underflows for large δ: integrate there instead.
        if abs(delta) > 30 { return integratedCDF(t, degreesOfFreedom: v, noncentrality: delta) }
        let negative = t < 0
        let tt = negative ? -t : t, del = negative ? -delta : delta
        var total = 0.0
        let x = tt * tt / (tt * tt + v)
        if x > 0 {
            let lambda = del * del
            var p = 0.5 * exp(-0.5 * lambda)
            var q = (2 / Double.pi).squareRoot() * p * del
            var s = 0.5 - p
            var a = 0.5
            let b = 0.5 * v
            let rxb = pow(1 - x, b)
            let logBeta = 0.5 * log(Double.pi) + lgamma(b) - lgamma(0.5 + b)
            var xodd = StudentT.regularizedIncompleteBeta(x: x, a: a, b: b)
            var godd = 2 * rxb * exp(a * log(x) - logBeta)
            var xeven = 1 - rxb
            var geven = b * x * rxb
            total = p * xodd + q * xeven
            var n = 1.0
            while n <= 10_000 {
                a += 1
                xodd -= godd
                xeven -= geven
                godd *= x * (a + b - 1) / a
                geven *= x * (a + b - 0.5) / (a + 0.5)
                p *= lambda / (2 * n)
                q *= lambda / (2 * n + 1)
                s -= p
                n += 1
                total += p * xodd + q * xeven
                if 2 * s * (xodd - godd) <= 1e-12 && n > lambda / 2 { break }
            }
        }
        total += StandardNormal.upperTail(del)
        let result = negative ? 1 - total : total
        return min(1, max(0, result))
    }

    /// P(T <= t) as E[Φ(t·S − δ)] with S = √(χ²_ν/ν), by composite Simpson's rule over s in [0, 10]
    /// (2,000 intervals; S > 10 has probability below 1e-20 for ν >= 1).
    static func integratedCDF(_ t: Double, degreesOfFreedom v: Double, noncentrality delta: Double) -> Double {
        // Density of S: 2·(ν/2)^{ν/2}·s^{ν−1}·exp(−ν s²/2)/Γ(ν/2).
        let logConstant = log(2) + (v / 2) * log(v / 2) - lgamma(v / 2)
        func integrand(_ s: Double) -> Double {
            guard s > 0 else { return 0 }
            return exp(logConstant + (v - 1) * log(s) - v * s * s / 2) * StandardNormal.cdf(t * s - delta)
        }
        let intervals = 2_000, h = 10.0 / Double(intervals)
        var sum = integrand(0) + integrand(10)
        for i in 1..<intervals { sum += integrand(Double(i) * h) * (i % 2 == 1 ? 4 : 2) }
        return min(1, max(0, sum * h / 3))
    }

    /// The noncentrality δ at which P(T <= t; ν, δ) equals `probability`, found by bisection
    /// (the cdf falls as δ grows). Used to invert a t statistic into an interval for δ.
    public static func noncentrality(forCDF probability: Double, at t: Double, degreesOfFreedom v: Double) -> Double {
        var low = t - 10, high = t + 10
        while cdf(t, degreesOfFreedom: v, noncentrality: low) < probability { low -= 10 + abs(low) }
        while cdf(t, degreesOfFreedom: v, noncentrality: high) > probability { high += 10 + abs(high) }
        return Bisection.root(low: low, high: high) { probability - cdf(t, degreesOfFreedom: v, noncentrality: $0) }
    }
}
