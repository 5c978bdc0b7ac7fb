import Foundation
import Testing
@testable import LaminaCompare
#if canImport(Glibc)
import Glibc
#endif

/// A running study killed with SIGKILL at random points, again and again, then resumed: no run is
/// lost, repeated or torn, no worker outlives a killed parent, and the results equal those of an
/// uninterrupted run.
@Suite(.serialized) struct KillTests {
    @Test func killedAtRandomPointsManyTimesLosesAndRepeatsNothing() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let study = try writeTinyStudy(in: dir, seeds: 20)   // 60 runs, more than 25 short lives can finish
        let path = dir.appendingPathComponent("killed.jsonl").path
        var random = Mutator(state: 14)   // a seeded SplitMix64, so the kill points are the same on every run
        var kills = 0
        for _ in 0..<25 {
            let compare = try LaminaProcess(["compare", study, "--jobs", "2", "--results", "killed.jsonl"], in: dir)
            usleep(UInt32.random(in: 50_000...600_000, using: &random))
            kill(compare.pid, SIGKILL)
            let (reason, status, errors) = compare.finish()
            guard reason == .uncaughtSignal else {   // it finished the study before the kill
                #expect(status == 0 && errors.contains("(0 to do)") || errors.contains("done:"), "\(status): \(errors)")
                break
            }
            kills += 1
            #expect(waitUntil(2) { workers(of: compare.pid).isEmpty }, "workers outlived killed parent \(compare.pid)")
            let loaded = try ResultsFile(path: path).load()
            #expect(loaded.warnings.isEmpty, "torn or undecodable line after a kill: \(loaded.warnings)")
            #expect(Set(loaded.records.map(\.key)).count == loaded.records.count, "a run was recorded twice")
        }
        #expect(kills >= 10, "only \(kills) compares were killed while running")
        let resume = try LaminaProcess(["compare", study, "--jobs", "2", "--results", "killed.jsonl"], in: dir)
        let (_, status, errors) = resume.finish()
        #expect(status == 0, "\(errors)")
        let killed = try ResultsFile(path: path).load()
        #expect(killed.warnings.isEmpty && killed.records.count == 60 && Set(killed.records.map(\.key)).count == 60)
        #expect(killed.records.allSatisfy { !$0.isFailure })
        // The same study, never interrupted, gives the same records but for wall time.
        let direct = try LaminaProcess(["compare", study, "--jobs", "2", "--results", "direct.jsonl"], in: dir)
        #expect(direct.finish().1 == 0)
        func comparable(_ records: [RunRecord]) -> [RunKey: RunRecord] {
            Dictionary(uniqueKeysWithValues: records.map { record in var r = record; r.wallSeconds = 0; return (r.key, r) })
        }
        let reference = try ResultsFile(path: dir.appendingPathComponent("direct.jsonl").path).load().records
        #expect(comparable(killed.records) == comparable(reference))
    }
}
