import Foundation
import LaminaPlot
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import LaminaCompare

/// Reports from records of every kind: fingerprints, thresholds, noise-floor repeats, real-library runs and
/// an ablation walk.
@Suite struct ReportContentTests {
    /// adding, 4 seeds: keras2 = keras3 (equal fingerprints), chainer solves; keras2, keras3, pytorch and lasagne stay at 1/6;
    /// repeats of pytorch; real torch runs; a walk lasagne → chainer.
    static func records() -> [RunRecord] {
        func r(_ profile: String, _ seed: UInt64, _ metric: Double, fingerprint: String? = nil) -> RunRecord {
            var record = TaskAnalysisTests.record(profile, seed, metric, fingerprint: fingerprint ?? "\(profile)\(seed)", threshold: 0.05)
            record.epochs = (1...3).map { EpochRecord(epoch: $0, trainingLoss: metric + 0.1 / Double($0), validationMetric: metric + 0.05 / Double($0), gradientNorm: 1 / Double($0)) }
            record.spectralRadius = ["hidden": Double(profile.count) / 10]
            return record
        }
        var records: [RunRecord] = []
        for seed: UInt64 in 0..<4 {
            let s = Double(seed) * 0.002
            records.append(r("keras2", seed, 0.166 + s, fingerprint: "k\(seed)"))
            records.append(r("keras3", seed, 0.166 + s, fingerprint: "k\(seed)"))
            records.append(r("pytorch", seed, 0.167 + s))
            records.append(r("lasagne", seed, 0.168 + s))
            records.append(r("chainer", seed, 0.01 + s * (seed % 2 == 0 ? 1 : 3)))
            var repeat1 = r("pytorch", seed, 0.1671 + s); repeat1.perturbation = 1
            records.append(repeat1)
            var real = r("pytorch", seed, 0.16 + s * 2); real.implementation = "torch 2.9.1"
            records.append(real)
            for (step, change, value) in [(0, "", 0.168), (1, "forgetBias", 0.09), (2, "recurrentInit", 0.01)] {
                var a = r("lasagne~\(step)", seed, value + s)
                a.ablation = AblationStep(from: "lasagne", to: "chainer", step: step, change: change)
                records.append(a)
            }
        }
        return records
    }

    func page(_ records: [RunRecord], in dir: URL, searchPath: String? = "/nonexistent") throws -> (ReportWriter.Outcome, String) {
        let outcome = try ReportWriter(directory: dir, searchPath: searchPath, bootstrapResamples: 200).write(records: records)
        return (outcome, try String(contentsOf: outcome.page, encoding: .utf8))
    }

    @Test func everySectionAppears() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let (_, page) = try page(Self.records(), in: dir)
        #expect(page.contains("> **Warning:** 4 of 5 profiles did not beat the baseline (mse ≈ 0.167) by 5% or more; this task cannot rank them at this budget."))
        #expect(page.contains("keras2 and keras3 build identical runs in this study; they are one profile here."))
        #expect(page.contains("| 2 | keras2 = keras3 |"))
        #expect(page.contains("| solved | 95% Wilson |") && page.contains("| 4/4 |"))
        #expect(page.contains("Noise floor: rounding alone moves"))
        #expect(page.contains("## Ablations") && page.contains("### adding: lasagne → chainer"))
        #expect(page.contains("Ablation lasagne → chainer"))
        #expect(page.contains("## Real libraries beside their profiles") && page.contains("| adding | pytorch | torch 2.9.1 | 4/4 |"))
        #expect(page.contains("seed k of one is not paired with seed k of the other"))
        #expect(page.contains("- **PT** PyTorch: torch/nn/modules/rnn.py") && page.contains("- **LA** Lasagne master 5d3c63c"))
        #expect(page.contains("solved-adding.svg") && page.contains("effects-adding.svg") && page.contains("ablation-adding-1.svg"))
        // Only the ordinary runs are counted as runs of the study.
        #expect(page.hasPrefix("# Initialization comparison\n\n20 runs over 1 task(s)"))
        let appendix = try String(contentsOf: dir.appendingPathComponent("APPENDIX.md"), encoding: .utf8)
        #expect(appendix.contains("McNemar") && appendix.contains("| keras2 = keras3 − "))
    }

    @Test func filesDoNotDependOnRecordOrder() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        var contents: [[String: Data]] = []
        var shuffled = Self.records()
        var generator = SplitMix64(seed: 7)
        shuffled.shuffle(using: &generator)
        for records in [Self.records(), shuffled, Self.records().reversed()] {
            _ = try page(Array(records), in: dir)
            let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
            contents.append(try Dictionary(uniqueKeysWithValues: names.map { ($0, try Data(contentsOf: dir.appendingPathComponent($0))) }))
            for name in names { try FileManager.default.removeItem(at: dir.appendingPathComponent(name)) }
        }
        for other in contents.dropFirst() {
            #expect(other.keys.sorted() == contents[0].keys.sorted())
            for name in contents[0].keys.sorted() { #expect(contents[0][name] == other[name], "\(name) differs") }
        }
    }

    @Test(.enabled(if: Gnuplot.locate() != nil, "needs gnuplot (apt-get install gnuplot-nox)"))
    func everyFigureRendersWhereGnuplotIsInstalled() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let (outcome, _) = try page(Self.records(), in: dir, searchPath: nil)
        #expect(outcome.messages.isEmpty, "\(outcome.messages)")
        #expect(outcome.images.count == 2 * outcome.scripts.count && outcome.scripts.count == 8)
        for image in outcome.images where image.pathExtension == "svg" {
            #expect(XMLParser(data: try Data(contentsOf: image)).parse(), "\(image.lastPathComponent) does not parse")
        }
    }

    @Test func everyProfileSourceCodeResolves() {
        for profile in ProfileRegistry.all {
            let codes = SourceCatalog.codes(in: profile.source)
            #expect(!codes.isEmpty)
            for code in codes { #expect(SourceCatalog.entries[code] != nil, "\(profile.name): \(code) is not in the catalog") }
        }
        #expect(SourceCatalog.codes(in: "K2c, TK,K3") == ["K2c", "TK", "K3"])
        #expect(Set(SourceCatalog.order) == Set(SourceCatalog.entries.keys) && SourceCatalog.order.count == SourceCatalog.entries.count)
        #expect(ProfileSources.bibliography(profiles: ["keras3"]).contains("- **TK** tf.keras for TensorFlow 2.6–2.15 (keras-team/keras tag v2.15.0"))
    }

    /// Any two registry profiles differ in at least two of colour, dash type and point type; a family shares
    /// a hue family (checked as: all its colours come from its own palette).
    @Test func everyProfileIsDistinguishable() {
        let styles = ProfileRegistry.all.map { ($0.name, ProfileStyle.of($0.name)) }
        for (i, a) in styles.enumerated() {
            for b in styles[(i + 1)...] {
                let differences = [a.1.color != b.1.color, a.1.dashType != b.1.dashType, a.1.pointType != b.1.pointType]
                #expect(differences.filter { $0 }.count >= 2, "\(a.0) and \(b.0) look alike")
            }
        }
        let keras = ProfileStyle.families[0]
        #expect(["keras1.0", "keras1.2", "keras2", "keras3"].allSatisfy { keras.colors.contains(ProfileStyle.of($0).color) })
    }
}
