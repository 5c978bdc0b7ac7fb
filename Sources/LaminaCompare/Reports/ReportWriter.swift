import Foundation
import LaminaPlot

/// Writes a report folder: `results.jsonl`, `README.md`, `APPENDIX.md` (every pair's tests), and per figure `name.gp`, its `.dat` files and,
/// when gnuplot is found, `name.svg` and `name.png`.
public struct ReportWriter: Sendable {
    /// What writing the report did.
    public struct Outcome: Sendable {
        /// The Markdown page.
        public var page: URL
        /// Every figure's script.
        public var scripts: [URL]
        /// Rendered images (empty without gnuplot).
        public var images: [URL]
        /// Messages for the user: how to render the figures without gnuplot.
        public var messages: [String]
    }

    /// The report folder.
    public let directory: URL
    /// The page title.
    public let title: String
    /// `PATH` used to find gnuplot (nil: this process's `PATH`).
    public let searchPath: String?
    /// Bootstrap resamples (10,000 unless a test wants speed).
    public let bootstrapResamples: Int
    /// Baseline metrics by task name, for tasks whose baseline the records do not determine
    /// (see ``BaselineCheck``).
    public let baselines: [String: Double]

    /// Creates a writer.
    public init(directory: URL, title: String = "Initialization comparison", searchPath: String? = nil,
                bootstrapResamples: Int = 10_000, baselines: [String: Double] = [:]) {
        self.directory = directory
        self.title = title
        self.searchPath = searchPath
        self.bootstrapResamples = bootstrapResamples
        self.baselines = baselines
    }

    /// Writes the report for `records`. The records are taken in a fixed
    /// order (study, task, profile, seed), not the order parallel runs
    /// finished in, so the same runs always give the same files, down to the
    /// order of rows and of additions in means. Records of one run (a
    /// repeat, a real-library run) follow by their key.
    /// `failures` are runs whose worker crashed or was killed (``ResultsMerger/Merged/failures``):
    /// not results, so they enter no statistic; the page names them.
    ///
    /// The files are written into a staging folder inside ``directory`` and moved into place
    /// only when every one is complete (the page last), so an interrupted report leaves the
    /// previous one whole.
    /// - Throws: ``ReportProblem`` when the records come from more than one study (a report
    ///   pairs runs by task, profile and seed, which only one study's runs can share), or when gnuplot
    ///   fails on a figure (then nothing is published and the folder keeps its previous report).
    public func write(records unordered: [RunRecord], failures: [RunRecord] = []) throws -> Outcome {
        let studies = Set((unordered + failures).map(\.study)).sorted()
        guard studies.count <= 1 else {
            throw ReportProblem(description: "the records come from \(studies.count) studies (\(studies.joined(separator: ", "))); "
                                + "a report covers one study: give only that study's results files")
        }
        let folder = try StagedFolder(destination: directory)
        do {
            let outcome = try write(records: unordered, failures: failures, into: folder.staging)
            try folder.publish(last: outcome.page.lastPathComponent)
            return Outcome(page: folder.published(outcome.page), scripts: outcome.scripts.map(folder.published),
                           images: outcome.images.map(folder.published), messages: outcome.messages)
        } catch {
            folder.discard()
            throw error
        }
    }

    /// Renders `figure`'s script in `directory` (the staging folder) and returns its SVG and PNG.
    /// - Throws: ``ReportProblem`` naming the figure and gnuplot's exit status when gnuplot fails or is killed
    ///   (a file-size limit, a full disk, a signal) or leaves an image missing or empty, so that no half-written
    ///   image is published: the report folder keeps its previous report.
    private func render(_ figure: Figure, with gnuplot: Gnuplot, in directory: URL) throws -> [URL] {
        let images = ["svg", "png"].map { directory.appendingPathComponent("\(figure.name).\($0)") }
        let kept = "nothing was published, so \(self.directory.path) holds its previous report as it was"
        do {
            try gnuplot.render(script: "\(figure.name).gp", in: directory)
        } catch {
            var reason = "\(error)"
            while reason.hasSuffix(" ") || reason.hasSuffix(":") { reason.removeLast() }
            throw ReportProblem(description: "figure \(figure.name) could not be rendered (\(reason)); \(kept)")
        }
        for image in images {
            let size = (try? FileManager.default.attributesOfItem(atPath: image.path)[.size] as? Int) ?? nil
            guard let size, size > 0 else {
                throw ReportProblem(description: "figure \(figure.name) could not be rendered (gnuplot exited normally but left "
                                    + "\(image.lastPathComponent) \(size == nil ? "unwritten" : "empty")); \(kept)")
            }
        }
        return images
    }

    /// The hidden folder inside `directory` where this process stages a report before publishing it
    /// (`.partial-<pid>`), for a signal handler that removes it when the process is stopped.
    public static func stagingFolder(in directory: URL) -> URL {
        StagedFolder.staging(in: directory)
    }

    /// Writes every file of the report into `directory` (a staging folder).
    private func write(records unordered: [RunRecord], failures: [RunRecord], into directory: URL) throws -> Outcome {
        let records = unordered.sorted {
            ($0.study, $0.task, $0.profile, $0.seed) != ($1.study, $1.task, $1.profile, $1.seed)
                ? ($0.study, $0.task, $0.profile, $0.seed) < ($1.study, $1.task, $1.profile, $1.seed)
                : $0.key < $1.key
        }
        var lines = Data()
        let encoder = RecordCoding.encoder()
        for record in records {
            lines.append(try encoder.encode(record))
            lines.append(UInt8(ascii: "\n"))
        }
        try lines.write(to: directory.appendingPathComponent("results.jsonl"), options: .atomic)
        let statistics = TaskStatistics.all(records, bootstrapResamples: bootstrapResamples, baselines: baselines)
        let walks = AblationWalk.all(ablation: records.filter { $0.ablation != nil },
                                     ordinary: records.filter { $0.ablation == nil && $0.perturbation == nil && $0.implementation == nil })
        let real = RealLibraryComparison.all(records)
        let figures = FigureBuilder.figures(records: records, statistics: statistics)
        var scripts: [URL] = [], images: [URL] = [], messages: [String] = []
        for figure in figures {
            try figure.write(to: directory)
            scripts.append(directory.appendingPathComponent("\(figure.name).gp"))
        }
        var renderNote: String?
        let gnuplot = Gnuplot.locate(searchPath: searchPath ?? ProcessInfo.processInfo.environment["PATH"])
        if let gnuplot {
            for figure in figures {
                images += try render(figure, with: gnuplot, in: directory)
            }
        } else if !figures.isEmpty {
            let note = "gnuplot was not found on PATH, so the figures are not rendered. Install it "
                + "(`apt-get install gnuplot-nox`) and render them with "
                + "`cd \(self.directory.path) && for f in *.gp; do gnuplot \"$f\"; done`."
            renderNote = note
            messages.append(note)
        }
        let page = directory.appendingPathComponent("README.md")
        try MarkdownPage.render(title: title, records: records, statistics: statistics, figures: figures,
                                walks: walks, real: real, failures: failures.map(\.key).sorted().map(\.description), renderNote: renderNote)
            .write(to: page, atomically: true, encoding: .utf8)
        try AppendixPage.render(title: title, statistics: statistics)
            .write(to: directory.appendingPathComponent("APPENDIX.md"), atomically: true, encoding: .utf8)
        return Outcome(page: page, scripts: scripts, images: images, messages: messages)
    }
}
