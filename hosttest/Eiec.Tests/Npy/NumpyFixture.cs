using System.Text.Json;
using Eiec.Tests.Support;

namespace Eiec.Tests.Npy;

/// <summary>
/// Runs hosttest/fixtures/make_cz_fixture.py once into a temporary directory and exposes its
/// files and its independent dump (expected.json).
/// </summary>
public sealed class NumpyFixture : IDisposable
{
    private readonly TempDir _dir = new();

    public NumpyFixture()
    {
        NumpyPython.Run(RepoPaths.FixtureScript("make_cz_fixture.py"), _dir.Path);
        Expected = JsonDocument.Parse(System.IO.File.ReadAllText(_dir.File("expected.json")));
    }

    public JsonDocument Expected { get; }

    public string File(string name) => _dir.File(name);

    /// <summary>The script writes values as Python repr strings so no JSON float rounding intervenes.</summary>
    public static double ParseValue(JsonElement value) =>
        double.Parse(value.GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        Expected.Dispose();
        _dir.Dispose();
    }
}
