import Foundation
import Testing
@testable import LaminaCompare

/// The environment a `lamina compare` gives its worker processes.
@Suite struct WorkerEnvironmentTests {
    @Test func inheritsEverythingAndNamesTheParent() {
        let environment = WorkerProcesses.environment(inheriting: ["HOME": "/h", "LAMINA_THREADS": "2"], parent: 4321)
        #expect(environment == ["HOME": "/h", "LAMINA_THREADS": "2", "LAMINA_PARENT_PID": "4321", "OPENBLAS_NUM_THREADS": "1"])
    }

    /// OpenBLAS starts as many threads as the worker will use: LAMINA_BLAS_THREADS, else 1, at least 1.
    @Test(arguments: [("3", "3"), ("1", "1"), ("0", "1"), ("-2", "1"), ("many", "1")])
    func openBLASThreadsFollowTheRequestedBLASThreads(requested: String, expected: String) {
        let environment = WorkerProcesses.environment(inheriting: ["LAMINA_BLAS_THREADS": requested], parent: 1)
        #expect(environment["OPENBLAS_NUM_THREADS"] == expected)
    }

    @Test func aUsersOpenBLASSettingIsKept() {
        let environment = WorkerProcesses.environment(
            inheriting: ["OPENBLAS_NUM_THREADS": "4", "LAMINA_BLAS_THREADS": "2", "LAMINA_PARENT_PID": "9"], parent: 77)
        #expect(environment["OPENBLAS_NUM_THREADS"] == "4")
        #expect(environment["LAMINA_PARENT_PID"] == "77")
    }
}
