extension TaskData {
    /// The data itself, once every split holds at least one example.
    ///
    /// An empty split does not fail loudly in training: an empty training split gives
    /// a loss of 0, an empty validation split a NaN metric that reads as a diverged
    /// run. So a task checks its splits before handing them out.
    /// - Parameters:
    ///   - task: the task's name, for the message.
    ///   - fix: what the user can change, such as "raise taskOptions.digits.examples to at least 3".
    /// - Throws: ``TaskError/invalid(task:detail:)`` naming the first empty split, every split's size and `fix`.
    func requiringExamples(task: String, fix: String) throws -> TaskData {
        let sizes = "training \(train.count), validation \(validation.count), test \(test.count)"
        for (name, split) in [("training", train), ("validation", validation), ("test", test)] where split.count == 0 {
            throw TaskError.invalid(task: task, detail: "the \(name) split would hold 0 examples (\(sizes)); \(fix)")
        }
        return self
    }
}
