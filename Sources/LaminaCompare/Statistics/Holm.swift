/// Holm–Bonferroni step-down adjustment for multiple comparisons.
public enum Holm {
    /// Adjusted p-values in the input order: sort ascending, multiply the i-th smallest (0-based) by
    /// (m - i), take the running maximum, and cap at 1. Reject where the adjusted value is below alpha.
    /// A NaN p-value (a test that could not be made) counts as 1, no evidence, and still counts in m;
    /// so does any value above 1, and a negative one counts as 0.
    public static func adjust(_ raw: [Double]) -> [Double] {
        let pValues = raw.map { $0.isNaN ? 1 : min(1, max(0, $0)) }
        let m = pValues.count
        let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
        var adjusted = [Double](repeating: 1, count: m)
        var runningMax = 0.0
        for (rank, index) in order.enumerated() {
            runningMax = max(runningMax, min(1, Double(m - rank) * pValues[index]))
            adjusted[index] = runningMax
        }
        return adjusted
    }
}
