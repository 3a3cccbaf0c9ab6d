namespace Eiec.Tests.Compress;

/// <summary>One run of the fixture script serves every test class that uses it.</summary>
[CollectionDefinition(Name)]
public sealed class DenseFixtureCollection : ICollectionFixture<DenseFixture>
{
    public const string Name = "dense fixtures";
}
