import Foundation
import Testing
@testable import LaminaCompare

/// Run records survive a JSON round trip, which the results file relies on.
@Suite struct RunRecordTests {
    @Test func jsonRoundTripKeepsEveryField() throws {
        let record = RunRecord(study: "s", task: "adding", profile: "keras2", seed: 3,
                               epochs: [EpochRecord(epoch: 1, trainingLoss: 0.25, validationMetric: 0.2, gradientNorm: 1.5)],
                               testMetric: 0.125, metric: "mse", higherIsBetter: false, wallSeconds: 2.5, diverged: false,
                               spectralRadius: ["forget": 0.52])
        let data = try JSONEncoder().encode(record)
        #expect(try JSONDecoder().decode(RunRecord.self, from: data) == record)
        #expect(record.key.description == "s|adding|keras2|3")
    }
}
