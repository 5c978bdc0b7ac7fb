import Testing
@testable import LaminaTensor

/// The comparison helpers themselves: they must reject real differences.
@Suite struct TestSupportTests {
    @Test(arguments: [
        (1.0, 1.0, true), (1.0, 1.0 + 1e-7, true), (1.0, 1.001, false), (0.0, 1e-7, true), (0.0, 1e-3, false),
        (1e6, 1e6 + 0.5, true), (1e6, 1e6 + 10, false),
        (.nan, .nan, true), (.nan, 1.0, false), (1.0, .nan, false),
        (.infinity, .infinity, true), (-.infinity, -.infinity, true), (.infinity, -.infinity, false),
        (.infinity, 1e300, false), (-.infinity, .nan, false),
    ] as [(Double, Double, Bool)])
    func isCloseCases(actual: Double, expected: Double, close: Bool) {
        #expect(isClose(actual, expected, tolerance: 1e-6) == close)
    }

    @Test func mismatchesAreReportedByIndex() {
        #expect(mismatchedIndices([1, 2, .nan, 4], [1, 2.5, .nan, .infinity], tolerance: 1e-9) == [1, 3])
        #expect(mismatchedIndices([1, 2, 3], [1, 2, 3], tolerance: 0).isEmpty)
    }
}
