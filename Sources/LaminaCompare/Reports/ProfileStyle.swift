/// How a profile is drawn in every figure: a colour from its library family's hue, a dash type and a point
/// type, so that any two profiles differ in at least two of the three and a family reads as one hue.
///
/// Families: Keras (keras*, reds and oranges), Torch and PyTorch (pytorch, torch7-*, blues),
/// TensorFlow (tf*, greens), the Theano family (lasagne, blocks, theano-tutorial, purples), and the others
/// (mxnet-gluon, chainer, flax, browns and greys). Profiles outside the registry (ablation steps, new
/// names) take the greys in name order.
public struct ProfileStyle: Sendable, Equatable {
    /// "#rrggbb".
    public var color: String
    /// gnuplot dash type (1 = solid).
    public var dashType: Int
    /// gnuplot point type.
    public var pointType: Int

    /// The colour as the integer 0xRRGGBB, for gnuplot's `lc rgb variable`.
    public var rgb: Int { Int(color.dropFirst(), radix: 16) ?? 0 }

    /// The gnuplot line specification: `lc rgb '#…' dt N pt M`.
    public var lineSpec: String { "lc rgb '\(color)' dt \(dashType) pt \(pointType)" }

    /// The family palettes, darkest first, and the profiles of each in registry order.
    static let families: [(members: [String], colors: [String])] = [
        (["keras1.0", "keras1.2", "keras2", "keras3"], ["#b2182b", "#e34a33", "#fc8d59", "#d6604d"]),
        (["pytorch", "torch7-lstm", "torch7-seqlstm"], ["#08519c", "#3182bd", "#6baed6"]),
        (["tf0", "tf1"], ["#006d2c", "#41ab5d"]),
        (["lasagne", "blocks", "theano-tutorial"], ["#54278f", "#807dba", "#bcbddc"]),
        (["mxnet-gluon", "chainer", "flax"], ["#8c510a", "#bf812d", "#525252"]),
    ]

    /// Point types cycled over all profiles (filled and open circles, squares, triangles, diamonds, ...).
    static let pointTypes = [7, 5, 9, 13, 11, 6, 4, 8, 12, 10, 1, 2, 3, 14, 15]

    /// The style of `profile`; `others` (the names outside the registry that the figure shows, in order) fixes
    /// the style of such names.
    public static func of(_ profile: String, others: [String] = []) -> ProfileStyle {
        var index = 0
        for family in families {
            if let position = family.members.firstIndex(of: profile) {
                return ProfileStyle(color: family.colors[position], dashType: position + 1,
                                    pointType: pointTypes[(index + position) % pointTypes.count])
            }
            index += family.members.count
        }
        let position = others.firstIndex(of: profile) ?? 0
        let greys = ["#000000", "#636363", "#969696", "#252525"]
        return ProfileStyle(color: greys[position % greys.count], dashType: position % 5 + 1,
                            pointType: pointTypes[position % pointTypes.count])
    }
}
