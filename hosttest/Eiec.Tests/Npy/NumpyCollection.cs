namespace Eiec.Tests.Npy;

/// <summary>Shares one run of the NumPy fixture script among the interop test classes.</summary>
[CollectionDefinition(Name)]
public sealed class NumpyCollection : ICollectionFixture<NumpyFixture>
{
    public const string Name = "numpy fixtures";
}
