import Testing
@testable import LaminaTensor
import LaminaTestSupport

/// The shared comparison helpers (LaminaTestSupport) themselves: they must reject real differences.
@Suite struct TestSupportTests {
    @Test(arguments: [
        (1.0, 1.0, true), (1.0, 1.0 + 1e-7, true), (1.0, 1.001, false), (0.0, 1e-7, true), (0.0, 1e-3, false),
        (1e6, 1e6 + 0.5, true), (1e6, 1e6 + 10, false),
        (.nan, .nan, true), (.nan, 1.0, false), (1.0, .nan, false),
        (.infinity, .infinity, true), (-.infinity, -.infinity, true), (.infinity, -.infinity, false),
        (.infinity, 1e300, false), (-.infinity, .nan, false),
    ] as [(Double, Double, Bool)])
    func isCloseCases(actual: Double, expected: Double, close: Bool) {
        #expect(isClose(actual, expected, absolute: 1e-6, relative: 1e-6) == close)
    }

    /// The absolute and relative parts apply separately: 1e-6 + 1e-3·|e|.
    @Test func absoluteAndRelativeParts() {
        #expect(isClose(1000.9, 1000, absolute: 1e-6, relative: 1e-3))         // |d| 0.9 ≤ 1e-6 + 1.0
        #expect(!isClose(1001.1, 1000, absolute: 1e-6, relative: 1e-3))        // |d| 1.1 > 1.000001
        #expect(isClose(5e-7, 0, absolute: 1e-6, relative: 1e-3))             // at 0 only the absolute part counts
        #expect(!isClose(2e-6, 0, absolute: 1e-6, relative: 1e-3))
        #expect(!isClose(1, 1 + 1e-15, absolute: 0, relative: 0))              // tolerance 0 means bit-equal values
    }

    @Test func mismatchesAreReportedByIndex() {
        #expect(mismatchedIndices([1, 2, .nan, 4], [1, 2.5, .nan, .infinity], absolute: 1e-9, relative: 1e-9) == [1, 3])
        #expect(mismatchedIndices([1, 2, 3], [1, 2, 3], absolute: 0, relative: 0).isEmpty)
    }

    /// expectClose records one issue naming the element and both values, and one for a length mismatch.
    @Test func expectCloseRecordsTheElement() {
        withKnownIssue {
            expectClose([1, 2, 3], [1, 2.5, 3], absolute: 1e-9, relative: 1e-9)
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("element 1: got 2.0, expected 2.5") }
        }
        withKnownIssue {
            expectClose([1, 2], [1, 2, 3], absolute: 1e-9, relative: 1e-9)
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("expected 3 values, got 2") }
        }
    }
}
