import Foundation
import Testing
@testable import LaminaCompare

/// Where the statistics are undefined (every seed's difference the same; a worst mean of 0), the page and the
/// figures say so instead of printing NaN or ∞.
@Suite struct ConstantDifferenceWordingTests {
    typealias Analysis = TaskAnalysisTests

    /// Profile b is exactly 0.25 above a on each of 4 seeds (mse: a is best): the effect-size figure draws b's point at
    /// b − a = 0.25 with no bar, rather than NaN ends.
    @Test func aConstantDifferenceIsDrawnWithoutABar() throws {
        let base = [0.1, 0.2, 0.3, 0.4]
        let records = base.indices.flatMap { s in [Analysis.record("a", UInt64(s), base[s]), Analysis.record("b", UInt64(s), base[s] + 0.25)] }
        let stats = TaskStatistics(task: "adding", records: records, bootstrapResamples: 50)
        let pair = try #require(stats.comparisons.first)
        #expect(!pair.paired.differencesVary)
        let figure = try #require(StatisticsFigures.effectSizes(stats, stem: "adding"))
        let rows = try #require(figure.data.values.first).split(separator: "\n").filter { !$0.hasPrefix("#") }
        let fields = try #require(rows.first).split(separator: " ")
        // point, upper end, lower end: all b − a = 0.25 (times the task's point scale)
        #expect(fields.count >= 4 && fields[1] == fields[2] && fields[2] == fields[3], "\(rows)")
        #expect(Double(fields[1]) == 0.25 * stats.pointScale, "\(rows)")
        #expect(!rows.joined().lowercased().contains("nan"))
    }

    /// Two profiles with a mean of 0 (mse): the summary line says the worst mean is 0 instead of "nan %".
    @Test func aWorstMeanOfZeroIsNamed() {
        let records = (0..<3).flatMap { s in [Analysis.record("a", UInt64(s), 0), Analysis.record("b", UInt64(s), 0)] }
        let stats = TaskStatistics(task: "adding", records: records, bootstrapResamples: 50)
        let line = TaskSummary.lines(stats, walks: []).first { $0.hasPrefix("Best ") } ?? ""
        #expect(line.contains("(the worst mean is 0)"), "\(line)")
        #expect(!line.lowercased().contains("nan"))
    }
}
