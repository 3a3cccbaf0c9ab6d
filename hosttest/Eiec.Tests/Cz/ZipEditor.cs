using System.IO.Compression;
using System.Text;
using Eiec.Contract.Npy;

namespace Eiec.Tests.Cz;

/// <summary>Rewrites a ZIP member by member, to derive a bad .cz from a good one.</summary>
public sealed class ZipEditor
{
    private readonly List<(string Name, byte[] Data)> _members = [];

    public ZipEditor(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        foreach (var entry in archive.Entries)
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            _members.Add((entry.FullName, buffer.ToArray()));
        }
    }

    public byte[] Read(string name) => _members.Single(m => m.Name == name).Data;

    public ZipEditor Replace(string name, byte[] data)
    {
        var index = _members.FindIndex(m => m.Name == name);
        if (index < 0) throw new ArgumentException($"no member '{name}'", nameof(name));
        _members[index] = (name, data);
        return this;
    }

    public ZipEditor Replace(string name, NpyArray array) => Replace(name, NpyWriter.ToBytes(array));

    /// <summary>Edits manifest.yaml as text; fails the test if the edit changed nothing.</summary>
    public ZipEditor EditManifest(string find, string replace)
    {
        var text = Encoding.UTF8.GetString(Read("manifest.yaml"));
        if (!text.Contains(find))
            throw new ArgumentException($"manifest does not contain '{find}':\n{text}", nameof(find));
        return Replace("manifest.yaml", Encoding.UTF8.GetBytes(text.Replace(find, replace)));
    }

    public ZipEditor SetManifest(string text) => Replace("manifest.yaml", Encoding.UTF8.GetBytes(text));

    public ZipEditor Remove(string name)
    {
        if (_members.RemoveAll(m => m.Name == name) == 0)
            throw new ArgumentException($"no member '{name}'", nameof(name));
        return this;
    }

    public ZipEditor Add(string name, byte[] data)
    {
        _members.Add((name, data));
        return this;
    }

    public byte[] ToBytes(CompressionLevel level = CompressionLevel.Optimal)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, data) in _members)
            {
                using var stream = archive.CreateEntry(name, level).Open();
                stream.Write(data);
            }
        return buffer.ToArray();
    }
}
