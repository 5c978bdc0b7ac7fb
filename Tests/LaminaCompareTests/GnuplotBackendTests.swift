import Foundation
import LaminaPlot
import Testing
@testable import LaminaCompare

/// The PNG facts of an image file: whether it starts with the PNG signature, and the width and height of
/// its IHDR chunk (bytes 16–19 and 20–23, big-endian; PNG specification, section 11.2.2).
func pngHeader(_ url: URL) throws -> (isPNG: Bool, width: Int, height: Int, bytes: Int) {
    let data = [UInt8](try Data(contentsOf: url))
    guard data.count >= 24 else { return (false, 0, 0, data.count) }
    let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    func be32(_ at: Int) -> Int { data[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
    return (Array(data[0..<8]) == signature && Array(data[12..<16]) == Array("IHDR".utf8), be32(16), be32(20), data.count)
}

/// gnuplot through gnuplot-iostream (the CGnuplot module): report figures, text plots and failures.
@Suite struct GnuplotBackendTests {
    @Test(.enabled(if: Gnuplot.locate() != nil, "needs gnuplot (apt-get install gnuplot-nox)"))
    func aReportFigureIsRenderedToAPNGOfTheScriptsSize() throws {
        let gnuplot = try #require(Gnuplot.locate())
        let directory = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: directory) }
        let figure = Figure(name: "squares", caption: "y = x²", data: ["squares.dat": "1 1\n2 4\n3 9\n"],
                            plot: "plot 'squares.dat' using 1:2 with linespoints title 'x^2'")
        try figure.write(to: directory)
        try gnuplot.render(script: "squares.gp", in: directory)
        let png = try pngHeader(directory.appendingPathComponent("squares.png"))
        // Figure.script sets `pngcairo size 800,500`.
        #expect(png.isPNG)
        #expect(png.width == 800 && png.height == 500)
        #expect(png.bytes > 1_000, "a drawn 800×500 plot is more than a bare header: \(png.bytes) bytes")
        let svg = try String(contentsOf: directory.appendingPathComponent("squares.svg"), encoding: .utf8)
        #expect(svg.contains("<svg") && svg.contains("width=\"800\""))
        // The script and data stay beside the images, so a reader can re-plot.
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("squares.gp").path))
    }

    @Test(.enabled(if: Gnuplot.locate() != nil, "needs gnuplot (apt-get install gnuplot-nox)"))
    func inlineDataGoesThroughTheStreamAndTheTextTerminalComesBack() throws {
        let gnuplot = try #require(Gnuplot.locate())
        let session = try Gnuplot.Session(gnuplot: gnuplot)
        session.send("set terminal dumb size 40,12")
        session.send("plot '-' using 1:2 with lines notitle")
        session.send(rows: [[0, 0], [1, 1], [2, .nan], [3, 3]])
        let text = try session.finish()
        // `dumb size 40,12` is 12 rows of 40 characters (a form feed starts the page).
        let rows = text.replacingOccurrences(of: "\u{0C}", with: "").split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast()
        #expect(rows.count == 12, "\(text)")
        #expect(rows.allSatisfy { $0.count == 40 }, "\(rows.map(\.count))")
        #expect(text.contains("*"), "the line is drawn with *")
    }

    @Test(.enabled(if: Gnuplot.locate() != nil, "needs gnuplot (apt-get install gnuplot-nox)"))
    func aGnuplotErrorIsAFailureWithGnuplotsMessage() throws {
        let gnuplot = try #require(Gnuplot.locate())
        let session = try Gnuplot.Session(gnuplot: gnuplot)
        session.send("set terminal dumb")
        session.send("plot sin(x) with nonsense")
        #expect {
            _ = try session.finish(describing: "the bad plot")
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("the bad plot exited with status 1") && text.contains("nonsense") && !text.contains("\n")
        }
        let directory = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: Gnuplot.Failure.self) { try gnuplot.render(script: "missing.gp", in: directory) }
    }

    @Test func aMissingBinaryIsAOneLineFailure() {
        let absent = Gnuplot(executable: URL(fileURLWithPath: "/nonexistent/gnuplot"))
        #expect {
            _ = try Gnuplot.Session(gnuplot: absent)
        } throws: { error in
            "\(error)" == "cannot start /nonexistent/gnuplot: No such file or directory"
        }
    }
}
