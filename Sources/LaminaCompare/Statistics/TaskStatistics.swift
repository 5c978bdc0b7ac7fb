import Foundation

/// Everything the report says about one task: per-profile summaries, pairwise tests and the spread.
public struct TaskStatistics: Sendable {
    /// Task name.
    public var task: String
    /// The metric's name.
    public var metric: String
    /// Whether a larger metric is better.
    public var higherIsBetter: Bool
    /// Per profile, ranked best first (profiles with no finished run last).
    public var profiles: [ProfileSummary]
    /// Every pair of ranked profiles with at least two finished runs each, Holm-adjusted within the task.
    public var comparisons: [PairwiseComparison]

    /// Best mean minus worst mean, in "points": percentage points for accuracy-like metrics in [0, 1],
    /// otherwise the metric's own units. Nil with fewer than two profiles with results.
    public var spread: Double? {
        let means = profiles.map(\.metric.mean).filter(\.isFinite)
        guard means.count >= 2, let hi = means.max(), let lo = means.min() else { return nil }
        return (hi - lo) * pointScale
    }

    /// 100 for accuracy (a fraction), 1 otherwise.
    public var pointScale: Double { metric == "accuracy" ? 100 : 1 }

    /// The unit the spread is given in.
    public var spreadUnit: String { metric == "accuracy" ? "percentage points" : metric }

    /// Spearman rank correlation between a profile's mean spectral radius and its rank (1 = best);
    /// a negative value means a larger radius goes with a better rank. Nil with fewer than three profiles.
    public var spectralRadiusRankCorrelation: Double? {
        let ranked = profiles.filter { $0.metric.mean.isFinite && $0.meanSpectralRadius.isFinite }
        guard ranked.count >= 3 else { return nil }
        // Ranked by mean (best first), so tied means share their average rank.
        return Spearman.correlation(ranked.map(\.meanSpectralRadius), ranked.map { higherIsBetter ? -$0.metric.mean : $0.metric.mean })
    }

    /// Summarizes `records` (all of one task).
    public init(task: String, records: [RunRecord], bootstrapResamples: Int = 10_000) {
        self.task = task
        let finished = records.filter { !$0.diverged && $0.testMetric.isFinite }
        metric = finished.first?.metric ?? records.first(where: { $0.metric != "failed" })?.metric ?? "metric"
        higherIsBetter = finished.first?.higherIsBetter ?? true
        var order: [String] = []
        for record in records where !order.contains(record.profile) { order.append(record.profile) }
        var summaries = order.map { profile -> ProfileSummary in
            let runs = records.filter { $0.profile == profile }.sorted { $0.seed < $1.seed }
            let values = runs.filter { !$0.diverged && $0.testMetric.isFinite }.map(\.testMetric)
            var radius: [String: Double] = [:]
            let radii = runs.filter { !$0.spectralRadius.isEmpty }
            for gate in Set(radii.flatMap { $0.spectralRadius.keys }) {
                let xs = radii.compactMap { $0.spectralRadius[gate] }
                radius[gate] = xs.reduce(0, +) / Double(xs.count)
            }
            return ProfileSummary(task: task, profile: profile, runs: runs.count, diverged: runs.count - values.count,
                                  metric: Descriptive(values),
                                  confidenceInterval: Bootstrap.meanInterval(values, resamples: bootstrapResamples),
                                  spectralRadius: radius, values: values)
        }
        let better = higherIsBetter
        summaries.sort { a, b in
            switch (a.metric.mean.isFinite, b.metric.mean.isFinite) {
            case (true, true):
                // Equal means (two profiles with the same initialization) rank by name, so the
                // order does not depend on the order in which parallel runs finished.
                if a.metric.mean == b.metric.mean { return a.profile < b.profile }
                return better ? a.metric.mean > b.metric.mean : a.metric.mean < b.metric.mean
            case (true, false): return true
            case (false, true): return false
            case (false, false): return a.profile < b.profile
            }
        }
        profiles = summaries
        var pairs: [(String, String, Double, WelchTest)] = []
        for i in summaries.indices {
            for j in summaries.indices where j > i {
                if let test = WelchTest(summaries[i].values, summaries[j].values) {
                    pairs.append((summaries[i].profile, summaries[j].profile,
                                  summaries[i].metric.mean - summaries[j].metric.mean, test))
                }
            }
        }
        let adjusted = Holm.adjust(pairs.map(\.3.p))
        comparisons = pairs.indices.map {
            PairwiseComparison(first: pairs[$0].0, second: pairs[$0].1, difference: pairs[$0].2,
                               test: pairs[$0].3, adjustedP: adjusted[$0])
        }
    }

    /// Statistics per task, tasks in first-appearance order.
    public static func all(_ records: [RunRecord], bootstrapResamples: Int = 10_000) -> [TaskStatistics] {
        var order: [String] = []
        for record in records where !order.contains(record.task) { order.append(record.task) }
        return order.map { task in
            TaskStatistics(task: task, records: records.filter { $0.task == task }, bootstrapResamples: bootstrapResamples)
        }
    }
}

/// Spearman's rank correlation (average ranks for ties).
public enum Spearman {
    /// The Pearson correlation of the ranks of `x` and `y`.
    public static func correlation(_ x: [Double], _ y: [Double]) -> Double {
        let rx = ranks(x), ry = ranks(y)
        let mx = Descriptive(rx).mean, my = Descriptive(ry).mean
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in rx.indices {
            sxy += (rx[i] - mx) * (ry[i] - my)
            sxx += (rx[i] - mx) * (rx[i] - mx)
            syy += (ry[i] - my) * (ry[i] - my)
        }
        return sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : .nan
    }

    static func ranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var result = [Double](repeating: 0, count: values.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && values[order[j + 1]] == values[order[i]] { j += 1 }
            for k in i...j { result[order[k]] = Double(i + j) / 2 + 1 }
            i = j + 1
        }
        return result
    }
}
