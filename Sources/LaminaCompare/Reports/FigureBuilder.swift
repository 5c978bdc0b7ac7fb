import Foundation

/// Builds a report's figures from run records and their statistics.
public enum FigureBuilder {
    /// Every figure: per task, learning curves, gradient norms and final-metric distributions; then the
    /// spectral radius per profile and gate. Figures with no data are left out.
    ///
    /// A task's files are named after its name made file-safe (``PlotText/slug(_:)``: "a/b" gives `a-b`); when
    /// any of those files would be another task's (tasks "a/b" and "a-b", or "a" and "a-box", whose
    /// `final-a-box.dat` is the box data of "a"), the later task takes the first free `-2`, `-3`, … suffix, so no
    /// figure overwrites another. Each figure carries its task (``Figure/section``) for the page's links.
    public static func figures(records: [RunRecord], statistics: [TaskStatistics]) -> [Figure] {
        var figures: [Figure] = []
        var taken = Set<String>()
        for task in statistics {
            let base = PlotText.slug(task.task)
            var suffix = 1
            var figuresOfTask = taskFigures(task, stem: base, records: records)
            while figuresOfTask.contains(where: { !taken.isDisjoint(with: $0.files) }) {
                suffix += 1
                figuresOfTask = taskFigures(task, stem: "\(base)-\(suffix)", records: records)
            }
            taken.formUnion(figuresOfTask.flatMap(\.files))
            figures += figuresOfTask
        }
        figures += StatisticsFigures.ablationFigures(AblationWalk.all(ablation: records.filter { $0.ablation != nil },
                                                                      ordinary: records.filter {
                                                                          $0.ablation == nil && $0.perturbation == nil && $0.implementation == nil
                                                                      }))
        if let radius = spectralRadiusFigure(records) { figures.append(radius) }
        return figures
    }

    /// One task's figures, their files named `kind-stem` (such as `curves-adding`).
    static func taskFigures(_ task: TaskStatistics, stem: String, records: [RunRecord]) -> [Figure] {
        var figures: [Figure] = []
        let taskRecords = records.filter {
            $0.task == task.task && $0.perturbation == nil && $0.implementation == nil && $0.ablation == nil
        }
        let profiles = task.profiles.map(\.profile)
        let labels = Dictionary(uniqueKeysWithValues: task.profiles.map { ($0.profile, $0.label) })
        if let curve = curveFigure(name: "curves-\(stem)", task: task.task, profiles: profiles,
                                   labels: labels, records: taskRecords, value: \.validationMetric,
                                   yLabel: "validation \(task.metric)", logScale: false) {
            figures.append(curve)
        }
        if let norms = curveFigure(name: "gradnorm-\(stem)", task: task.task, profiles: profiles,
                                   labels: labels, records: taskRecords, value: \.gradientNorm,
                                   yLabel: "global gradient norm (mean per epoch)", logScale: true) {
            figures.append(norms)
        }
        if let box = distributionFigure(task, stem: stem) { figures.append(box) }
        figures += StatisticsFigures.figures(task, stem: stem)
        return figures.map { figure in
            var figure = figure
            figure.section = .task(task.task)
            return figure
        }
    }

    /// Mean +/- sd over seeds of a per-epoch value, one line and band per profile.
    static func curveFigure(name: String, task: String, profiles: [String], labels: [String: String] = [:],
                            records: [RunRecord], value: KeyPath<EpochRecord, Double>, yLabel: String,
                            logScale: Bool) -> Figure? {
        var blocks: [String] = []
        var plotted: [String] = []
        var maxEpoch = 0
        for profile in profiles {
            let runs = records.filter { $0.profile == profile && !$0.diverged }
            let lastEpoch = runs.flatMap { $0.epochs.map(\.epoch) }.max() ?? 0
            maxEpoch = max(maxEpoch, lastEpoch)
            var lines: [String] = []
            for epoch in 0...max(lastEpoch, 0) {
                let xs = runs.compactMap { run in run.epochs.first { $0.epoch == epoch }?[keyPath: value] }
                    .filter { $0.isFinite && (!logScale || $0 > 0) }
                guard !xs.isEmpty else { continue }
                let d = Descriptive(xs)
                lines.append("\(epoch) \(PlotText.number(d.mean)) \(PlotText.number(d.standardDeviation))")
            }
            guard !lines.isEmpty else { continue }
            blocks.append(PlotText.comment(profile) + "\n" + lines.joined(separator: "\n"))
            plotted.append(profile)
        }
        guard !plotted.isEmpty else { return nil }
        let file = "\(name).dat"
        var series: [String] = []
        for (i, profile) in plotted.enumerated() {
            let low = logScale ? "($2-$3 > 0 ? $2-$3 : $2/10)" : "($2-$3)"
            let style = ProfileStyle.of(profile, others: plotted)
            series.append("'\(file)' index \(i) using 1:\(low):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '\(style.color)' notitle")
            series.append("'\(file)' index \(i) using 1:2 with linespoints lw 2 \(style.lineSpec) ps 0.6 title \(PlotText.quoted(labels[profile] ?? profile))")
        }
        let plot = """
        set title \(PlotText.quoted("\(task): \(yLabel), mean +/- sd over seeds"))
        set xlabel 'epoch'
        \(maxEpoch <= 20 ? "set xtics 1" : "set xtics autofreq")
        set ylabel \(PlotText.quoted(yLabel))
        set key outside right samplen 3 spacing 0.9
        set grid
        \(logScale ? "set logscale y" : "unset logscale y")
        plot \(series.joined(separator: ", \\\n     "))
        """
        return Figure(name: name, caption: "\(task): \(yLabel) per epoch, mean +/- sd over seeds, per profile",
                      data: [file: blocks.joined(separator: "\n\n\n") + "\n"], plot: plot)
    }

    /// Box plot (quartiles, whiskers to min and max, median line) with the individual runs as points, one box
    /// per profile, best first. Quartiles are computed here (linear interpolation), because gnuplot's own
    /// boxplot style draws nothing for fewer than four points.
    static func distributionFigure(_ task: TaskStatistics, stem: String) -> Figure? {
        let profiles = task.profiles.filter { !$0.values.isEmpty }
        guard !profiles.isEmpty else { return nil }
        let name = "final-\(stem)"
        let file = "\(name).dat", summaryFile = "\(name)-box.dat"
        let blocks = profiles.map { profile in
            PlotText.comment(profile.profile) + "\n" + profile.values.map(PlotText.number).joined(separator: "\n")
        }
        let summary = profiles.enumerated().map { index, profile -> String in
            let sorted = profile.values.sorted()
            let q = [0.25, 0.0, 1.0, 0.75, 0.5].map { PlotText.number(Bootstrap.quantile(sorted, $0)) }
            let rgb = ProfileStyle.of(profile.profile, others: profiles.map(\.profile)).rgb
            return "\(index + 1) " + q.joined(separator: " ") + " \(rgb)"
        }
        let tics = profiles.enumerated().map { "\(PlotText.quoted($0.element.label)) \($0.offset + 1)" }
        let points = profiles.enumerated().map { i, profile in
            let style = ProfileStyle.of(profile.profile, others: profiles.map(\.profile))
            return "'\(file)' index \(i) using (\(i + 1)):1 with points lc rgb '\(style.color)' pt \(style.pointType) ps 0.8"
        }
        let n = profiles.count
        let plot = """
        set title \(PlotText.quoted("\(task.task): test \(task.metric) per run (diverged runs excluded)"))
        set ylabel \(PlotText.quoted("test \(task.metric)"))
        set xtics (\(tics.joined(separator: ", "))) rotate by -30
        set xrange [0.3:\(n).7]
        set style fill solid 0.3 border -1
        set boxwidth 0.5
        set grid ytics
        unset key
        plot '\(summaryFile)' using 1:2:3:4:5:7 with candlesticks lc rgb variable whiskerbars, \\
             '\(summaryFile)' using 1:6:6:6:6 with candlesticks lt -1 lw 2, \\
             \(points.joined(separator: ", \\\n     "))
        """
        return Figure(name: name, caption: "\(task.task): distribution of the test \(task.metric) over seeds, per profile",
                      data: [file: blocks.joined(separator: "\n\n\n") + "\n",
                             summaryFile: "# x q1 min max q3 median rgb\n" + summary.joined(separator: "\n") + "\n"],
                      plot: plot)
    }

    /// Clustered bars: per profile, the mean spectral radius at initialization of each gate's recurrent matrix.
    static func spectralRadiusFigure(_ records: [RunRecord]) -> Figure? {
        let gates = Array(Set(records.flatMap { $0.spectralRadius.keys })).sorted()
        guard !gates.isEmpty else { return nil }
        var profiles: [String] = []
        for record in records where !record.spectralRadius.isEmpty && !profiles.contains(record.profile) {
            profiles.append(record.profile)
        }
        let rows = profiles.map { profile -> String in
            let runs = records.filter { $0.profile == profile }
            let cells = gates.map { gate -> String in
                let xs = runs.compactMap { $0.spectralRadius[gate] }
                return xs.isEmpty ? "NaN" : PlotText.number(xs.reduce(0, +) / Double(xs.count))
            }
            return PlotText.dataString(profile) + " " + cells.joined(separator: " ")
        }
        let series = gates.enumerated().map { index, gate in
            index == 0 ? "'spectral-radius.dat' using 2:xtic(1) title \(PlotText.quoted(gate))"
                       : "'' using \(index + 2) title \(PlotText.quoted(gate))"
        }
        let plot = """
        set title 'Spectral radius of the recurrent matrices at initialization (mean over runs)'
        set ylabel 'spectral radius'
        set style data histograms
        set style histogram clustered gap 1
        set style fill solid 0.8 border -1
        set xtics rotate by -30
        set yrange [0:*]
        set grid ytics
        set key outside right
        plot \(series.joined(separator: ", "))
        """
        return Figure(name: "spectral-radius", caption: "spectral radius per profile and gate at initialization",
                      data: ["spectral-radius.dat": PlotText.comment("profile " + gates.joined(separator: " ")) + "\n"
                                + rows.joined(separator: "\n") + "\n"],
                      plot: plot)
    }
}
