import Foundation
import LaminaPlot
import Testing
@testable import LaminaCompare

/// Records of three seeds of `tasks` × keras2 and pytorch, from ``syntheticRun(_:)`` (accuracy), with each task
/// renamed by `rename`.
func renamedRecords(tasks: [String], rename: [String: String] = [:], study: String = "h") -> [RunRecord] {
    Study(name: study, tasks: tasks, profiles: .named(["keras2", "pytorch"]), seedCount: 3, epochs: 2)
        .runSpecifications(allProfiles: []).map { spec in
            var record = syntheticRun(spec)
            record.task = rename[spec.task] ?? spec.task
            return record
        }
}

/// The report under hostile names and a failing gnuplot (hostile review of the report, findings 1–4).
@Suite struct HostileReportTests {
    @Test func controlCharactersAreWrittenAsEscapes() {
        // Expected strings written by hand: each control character as its Swift escape, other text kept.
        #expect(PlotText.printable("a\nb\r\tc\u{1B}\u{7F}\u{85}\u{2028}é'`\\") == "a\\nb\\r\\tc\\u{1B}\\u{7F}\\u{0085}\\u{2028}é'`\\")
        #expect(PlotText.quoted("it's a_b\nsystem") == "'it''s a\\\\_b\\nsystem'")
        #expect(PlotText.dataString("say \"hi\"\n") == "\"say 'hi'\\n\"")
        // A comment ending in a backslash would continue onto (and swallow) the next script line.
        #expect(PlotText.comment("ends in \\") == "# ends in \\ ")
        #expect(PlotText.comment("plain") == "# plain")
    }

    @Test func hostileNamesRenderAsTextAndRunNothing() throws {
        let gnuplot = try #require(Gnuplot.locate(), "gnuplot is needed to render")
        _ = gnuplot
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let task = "add\nsystem \"touch \(dir.path)/task-ran\"\r'\"\\`touch \(dir.path)/tick-ran`"
        let profile = "p\nsystem 'touch \(dir.path)/profile-ran'\n#"
        let records = renamedRecords(tasks: ["digits"], rename: ["digits": task]).map { record -> RunRecord in
            var record = record
            if record.profile == "pytorch" { record.profile = profile }
            return record
        }
        let outcome = try ReportWriter(directory: dir.appendingPathComponent("rep"), bootstrapResamples: 100).write(records: records)
        #expect(outcome.messages.isEmpty, "\(outcome.messages)")
        #expect(outcome.images.count == 2 * outcome.scripts.count && outcome.scripts.count >= 5)
        for name in ["task-ran", "tick-ran", "profile-ran"] {
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path), "\(name): a name ran a command")
        }
        let escapedTask = task.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
        let curves = try String(contentsOf: try #require(outcome.scripts.first { $0.lastPathComponent.hasPrefix("curves-") }), encoding: .utf8)
        #expect(curves.hasPrefix("# \(escapedTask): validation accuracy per epoch, mean +/- sd over seeds, per profile\n"))
        for script in outcome.scripts {
            let text = try String(contentsOf: script, encoding: .utf8)
            #expect(!text.split(separator: "\n").contains { $0.hasPrefix("system") }, "\(script.lastPathComponent)")
        }
        for image in outcome.images {
            let size = try FileManager.default.attributesOfItem(atPath: image.path)[.size] as? Int ?? 0
            #expect(size > 1000, "\(image.lastPathComponent)")
        }
    }

    @Test func tasksWhoseFileNamesCollideGetTheirOwnFiles() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        // Sorted tasks: "a", "a-b", "a-box", "a/b". "a-box" would write final-a-box.dat, the box data of "a",
        // and "a/b" would write the files of "a-b": they take the suffixes -2.
        let records = renamedRecords(tasks: ["adding", "copy", "digits", "vowels"],
                                     rename: ["adding": "a/b", "copy": "a-b", "digits": "a", "vowels": "a-box"])
        let outcome = try ReportWriter(directory: dir, searchPath: "/nonexistent", bootstrapResamples: 100).write(records: records)
        let statistics = TaskStatistics.all(records.sorted { $0.task < $1.task }, bootstrapResamples: 100)
        let figures = FigureBuilder.figures(records: records, statistics: statistics)
        let files = figures.flatMap(\.files)
        #expect(Set(files).count == files.count, "two figures share a file")
        let written = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".gp") || $0.hasSuffix(".dat") }
        #expect(written.count == files.filter { $0.hasSuffix(".gp") || $0.hasSuffix(".dat") }.count)
        let stems = ["a": "a", "a-b": "a-b", "a-box": "a-box-2", "a/b": "a-b-2"]
        let page = try String(contentsOf: outcome.page, encoding: .utf8)
        for (task, stem) in stems {
            let section = try #require(page.components(separatedBy: "\n## \(task) (test accuracy").dropFirst().first, "\(task)")
                .components(separatedBy: "\n## ").first!
            #expect(section.contains("(curves-\(stem).svg)") && section.contains("(final-\(stem).svg)"), "\(task)")
            let links = section.components(separatedBy: "](").dropFirst().map { $0.prefix { $0 != ")" } }
            #expect(links.count == 5 && links.allSatisfy { $0.hasSuffix("-\(stem).svg") }, "\(task): \(links)")
            let script = try String(contentsOf: dir.appendingPathComponent("final-\(stem).gp"), encoding: .utf8)
            #expect(script.hasPrefix("# \(task): distribution"), "\(task)")
        }
    }

    @Test func aTaskWhoseRunsAllDivergedKeepsItsMetric() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let records = renamedRecords(tasks: ["adding"]).map { record -> RunRecord in
            var record = record
            (record.metric, record.higherIsBetter, record.diverged, record.testMetric) = ("mse", false, true, .nan)
            record.baselineMetric = 1.0 / 6
            return record
        }
        let statistics = TaskStatistics(task: "adding", records: records, bootstrapResamples: 100)
        #expect(statistics.metric == "mse" && !statistics.higherIsBetter)
        let outcome = try ReportWriter(directory: dir, searchPath: "/nonexistent", bootstrapResamples: 100).write(records: records)
        let page = try String(contentsOf: outcome.page, encoding: .utf8)
        #expect(page.contains("## adding (test mse, lower is better)"))
        // 1/6 = 0.1667 to three decimals.
        #expect(page.contains("did not beat the baseline (mse ≈ 0.167)"), "\(page)")
        #expect(!page.contains("higher is better") && !page.contains("test metric"))
    }
}

/// A fake `gnuplot` in a folder of its own, running `body` (a shell script) in the folder it is started in.
func fakeGnuplot(in dir: URL, _ body: String) throws -> URL {
    let bin = dir.appendingPathComponent("bin-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
    let file = bin.appendingPathComponent("gnuplot")
    try Data("#!/bin/sh\n\(body)\n".utf8).write(to: file)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
    return bin
}

/// A failed or interrupted render publishes nothing: the previous report stays whole.
@Suite struct FailedRenderTests {
    func entries(_ dir: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
            out[name] = try Data(contentsOf: dir.appendingPathComponent(name))
        }
        return out
    }

    @Test func aKilledOrSilentGnuplotPublishesNothing() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let report = dir.appendingPathComponent("rep")
        let records = renamedRecords(tasks: ["digits"])
        _ = try ReportWriter(directory: report, searchPath: "/nonexistent", bootstrapResamples: 100).write(records: records)
        let before = try entries(report)
        // Killed by a file-size limit: half an SVG per script, then the status a shell gives SIGXFSZ (128 + 25).
        let killed = try fakeGnuplot(in: dir, "/bin/cat > /dev/null\nfor f in *.gp; do printf half > \"${f%.gp}.svg\"; done\nexit 153")
        let error = #expect(throws: ReportProblem.self) {
            try ReportWriter(directory: report, searchPath: killed.path, bootstrapResamples: 100).write(records: records)
        }
        #expect(error?.description == "figure curves-digits could not be rendered (gnuplot curves-digits.gp exited with status 153); "
                + "nothing was published, so \(report.path) holds its previous report as it was")
        #expect(try entries(report) == before)
        // Exits 0 but writes no image.
        let silent = try fakeGnuplot(in: dir, "/bin/cat > /dev/null")
        let quiet = #expect(throws: ReportProblem.self) {
            try ReportWriter(directory: report, searchPath: silent.path, bootstrapResamples: 100).write(records: records)
        }
        #expect(quiet?.description.hasPrefix("figure curves-digits could not be rendered (gnuplot exited normally but left curves-digits.svg unwritten)") == true)
        #expect(try entries(report) == before)
    }

    @Test func theReportCommandExitsNonZeroNamingTheFigure() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let results = dir.appendingPathComponent("r.jsonl")
        let lines = try renamedRecords(tasks: ["digits"]).map { String(decoding: try RecordCoding.encoder().encode($0), as: UTF8.self) }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: results)
        let killed = try fakeGnuplot(in: dir, "/bin/cat > /dev/null\nexit 153")
        let (status, out, err) = try runLamina(["report", results.path, "--output", dir.appendingPathComponent("rep").path],
                                               environment: ["PATH": killed.path])
        #expect(status != 0 && out.isEmpty)
        #expect(err.contains("figure curves-digits could not be rendered (gnuplot curves-digits.gp exited with status 153)"), "\(err)")
        #expect(!err.contains("image(s) rendered"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("rep").path).isEmpty)
    }

    @Test func sigtermWhileRenderingRemovesTheStagingFolder() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let results = dir.appendingPathComponent("r.jsonl")
        let lines = try renamedRecords(tasks: ["digits"]).map { String(decoding: try RecordCoding.encoder().encode($0), as: UTF8.self) }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: results)
        let slow = try fakeGnuplot(in: dir, "exec /bin/sleep 5")
        let report = dir.appendingPathComponent("rep")
        let process = Process()
        process.executableURL = laminaExecutable()
        process.arguments = ["report", results.path, "--output", report.path]
        process.environment = ProcessInfo.processInfo.environment.merging(["PATH": slow.path]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        let errors = dir.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        let staging = report.appendingPathComponent(".partial-\(process.processIdentifier)")
        let deadline = Date().addingTimeInterval(20)
        while !FileManager.default.fileExists(atPath: staging.appendingPathComponent("curves-digits.gp").path), Date() < deadline {
            usleep(20_000)
        }
        #expect(FileManager.default.fileExists(atPath: staging.path), "the report never reached rendering")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let message = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        #expect(process.terminationReason == .exit && process.terminationStatus == 128 + SIGTERM, "\(process.terminationStatus): \(message)")
        #expect(message.contains("stopped by signal \(SIGTERM); the report was not written"))
        #expect(!FileManager.default.fileExists(atPath: staging.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: report.path).isEmpty)
    }
}
