using Eiec.Contract.Cz;
using Eiec.Contract.Diagnostics;
using Eiec.Tests.Npy;
using Eiec.Tests.Support;

namespace Eiec.Tests.Cz;

/// <summary>Writes bytes as a .cz file, reads it, and returns the one error message.</summary>
public sealed class BadCzFile : IDisposable
{
    private readonly TempDir _dir = new();

    public BadCzFile() => Path = _dir.File("bad-model.cz");

    public string Path { get; }

    /// <summary>A valid two-layer model (see <see cref="CzSamples.TwoLayer"/>) ready for mutation.</summary>
    public static ZipEditor Good() => new(CzWriter.ToBytes(CzSamples.TwoLayer()));

    public string ErrorOf(byte[] bytes)
    {
        File.WriteAllBytes(Path, bytes);
        var act = () => CzReader.Read(Path);
        var message = act.Should().Throw<EiecException>().Which.Message;
        message.Should().StartWith(Path + ": ", "every message names the .cz file first");
        return message;
    }

    public string ErrorOf(ZipEditor zip) => ErrorOf(zip.ToBytes());

    public void Dispose() => _dir.Dispose();
}
