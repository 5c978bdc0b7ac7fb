import Foundation

/// Mean, sample standard deviation and median of a sample.
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
        guard !values.isEmpty else {
            mean = .nan; standardDeviation = .nan; median = .nan
            return
        }
        let m = values.reduce(0, +) / Double(values.count)
        mean = m
        standardDeviation = values.count > 1
            ? (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)).squareRoot() : 0
        let sorted = values.sorted()
        let mid = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// The sample variance (n - 1).
    public var variance: Double { standardDeviation * standardDeviation }
}
