namespace Eiec.FrontEnd.Datasets;

/// <summary>
/// A training split and an evaluation split (the same data when the source has no separate test set).
/// </summary>
public sealed record DatasetSplits(Dataset Train, Dataset Test);
