/// How a pooling layer combines the values in a window.
public enum PoolMode: Sendable, Equatable {
    /// The largest value (padding never wins: it counts as −∞).
    case max
    /// The mean over the whole window, padding counted as zeros (Lasagne's
    /// `average_inc_pad`, PyTorch's `AvgPool1d` default `count_include_pad=True`).
    case averageIncludingPad
    /// The mean over the window's real (unpadded) steps (Lasagne's `average_exc_pad`).
    case averageExcludingPad
}

/// The value that stands for −∞ in masked or padded max pooling: far below
/// any activation, yet finite, so that gradients stay finite.
let poolingFloor = -1e30
