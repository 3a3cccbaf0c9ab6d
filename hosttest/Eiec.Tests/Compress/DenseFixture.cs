using Eiec.Contract.Npy;
using Eiec.Tests.Npy;
using Eiec.Tests.Support;

namespace Eiec.Tests.Compress;

/// <summary>
/// Runs hosttest/fixtures/make_dense_fixtures.py (NumPy + onnx.helper, Debian's /usr/bin/python3)
/// once into a temporary directory. A missing interpreter or package fails the tests with the
/// reason; they are never skipped.
/// </summary>
public sealed class DenseFixture : IDisposable
{
    private readonly TempDir _dir = new();

    public DenseFixture()
    {
        NumpyPython.Run(RepoPaths.FixtureScript("make_dense_fixtures.py"), _dir.Path);
    }

    public string File(string name) => _dir.File(name);

    public IReadOnlyDictionary<string, NpyArray> Npz(string name) => NpzReader.Read(File(name));

    public NpyArray Npy(string name) => NpyReader.Read(File(name));

    public void Dispose() => _dir.Dispose();
}
