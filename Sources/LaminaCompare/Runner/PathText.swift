/// Path arithmetic on plain strings, for the harness's output paths.
///
/// Foundation's `NSString.deletingLastPathComponent` traps (an illegal
/// instruction) on a one-character path such as `"x"` or `"x/"` in the Linux
/// Foundation that ships with Swift 6.3.1, so `lamina compare --results r`
/// crashed. These functions split on `/` themselves.
package enum PathText {
    /// The folder part of `path`: everything before its last component, without the
    /// separating slash. `"a/b/c"` → `"a/b"`, `"a/b/"` → `"a"`, `"/x"` → `"/"`, `"/"` → `"/"`,
    /// `"x"` → `""` (the current folder), `""` → `""`.
    package static func parentFolder(of path: String) -> String {
        var text = Substring(path)
        while text.count > 1 && text.hasSuffix("/") { text = text.dropLast() }
        guard let slash = text.lastIndex(of: "/") else { return "" }
        var parent = text[..<slash]
        while parent.count > 1 && parent.hasSuffix("/") { parent = parent.dropLast() }
        return parent.isEmpty ? "/" : String(parent)
    }
}
