import Foundation

/// Mean, sample standard deviation and median of a sample.
///
/// The mean and the deviations are taken on the values divided by a power of two near their largest
/// magnitude (``PowerOfTwoScale``), so a sample near 1e300 does not overflow to an infinite standard
/// deviation nor one near 1e-300 underflow to zero: `Descriptive(c·x)` is c times `Descriptive(x)` to
/// rounding, and bit for bit when c is a power of two. A sample whose values are all equal has exactly
/// that value as its mean and exactly 0 as its standard deviation.
/// Non-finite values follow IEEE arithmetic (a NaN gives a NaN mean and standard deviation; an infinity
/// an infinite or NaN mean and a NaN standard deviation).
public struct Descriptive: Sendable, Equatable {
    /// Sample size.
    public var count: Int
    /// Arithmetic mean (NaN when empty).
    public var mean: Double
    /// Sample standard deviation with n - 1 in the denominator (0 for one value, NaN when empty).
    public var standardDeviation: Double
    /// Median (mean of the two middle values for even n).
    public var median: Double

    /// Describes `values`.
    public init(_ values: [Double]) {
        count = values.count
        guard let first = values.first else {
            mean = .nan; standardDeviation = .nan; median = .nan
            return
        }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
        if first.isFinite && values.allSatisfy({ $0 == first }) {
            mean = first
            standardDeviation = 0
            return
        }
        let scale = values.allSatisfy(\.isFinite) ? PowerOfTwoScale.of(values) : 1
        let scaled = values.map { $0 / scale }
        let m = scaled.reduce(0, +) / Double(values.count)
        mean = m * scale
        standardDeviation = values.count > 1
            ? (scaled.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)).squareRoot() * scale : 0
    }

    /// The sample variance (n - 1): the standard deviation squared, so it overflows to ∞ beyond a standard
    /// deviation of about 1.3e154 and underflows to 0 below about 1.5e-154; scale-free statistics use
    /// ``standardDeviation``.
    public var variance: Double { standardDeviation * standardDeviation }
}
