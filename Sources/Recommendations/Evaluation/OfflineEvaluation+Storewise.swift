extension OfflineEvaluation {
    /// Storewise's model trained on the training baskets alone (the test period stays unseen),
    /// over every item of the data so test-only items are simply unknown to it.
    public func trainModel(_ configuration: RecommendationConfiguration,
                           progress: ((Int, Int) -> Void)? = nil) -> RecommendationModel {
        var trainer = RecommendationTrainer(configuration: configuration)
        trainer.reserveItems(catalogue.counts.count)
        for (index, basket) in train.enumerated() {
            trainer.add(basket)
            if let progress, (index + 1) % 1_024 == 0 || index + 1 == train.count { progress(index + 1, train.count) }
        }
        return trainer.model()
    }
}
