/// What one epoch of ``Trainer/fit(epochs:training:validation:)`` measured.
///
/// `names` are the training function's output names (their means over the epoch's batches,
/// Σ values / number of batches) followed by `val_` and the evaluation function's output names
/// (their values over the validation batches, Σ values / Σ weights). An epoch cut short by an
/// immediate stop (``Trainer/requestStop(_:immediately:)``, as ``StopOnNonFinite`` does) holds the
/// values of the batch that stopped it, NaN for validation, and `interrupted` is true.
public struct EpochLog: Codable, Sendable, Equatable {
    /// The epoch's number, from 1.
    public var epoch: Int
    /// The names of the values, in order.
    public var names: [String]
    /// The values, one per name.
    public var values: [Double]
    /// Whether an immediate stop cut the epoch short.
    public var interrupted: Bool

    /// An epoch's log.
    public init(epoch: Int, names: [String], values: [Double], interrupted: Bool = false) {
        precondition(names.count == values.count, "one value per name")
        (self.epoch, self.names, self.values, self.interrupted) = (epoch, names, values, interrupted)
    }

    /// The value named `name`, or nil.
    public subscript(_ name: String) -> Double? {
        names.firstIndex(of: name).map { values[$0] }
    }

    public static func == (a: EpochLog, b: EpochLog) -> Bool {
        a.epoch == b.epoch && a.names == b.names && a.interrupted == b.interrupted
            && a.values.map(\.bitPattern) == b.values.map(\.bitPattern)
    }
}
