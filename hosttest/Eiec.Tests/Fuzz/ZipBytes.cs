using System.Buffers.Binary;
using System.Text;

namespace Eiec.Tests.Fuzz;

/// <summary>
/// Byte-level edits of a ZIP archive that System.IO.Compression will not produce: the damage a
/// hostile or broken writer leaves (sizes in the directory that do not match the data).
/// </summary>
public static class ZipBytes
{
    /// <summary>Sets the uncompressed size that both headers of <paramref name="member"/> declare.</summary>
    public static byte[] SetDeclaredSize(byte[] zip, string member, uint size)
    {
        var copy = (byte[])zip.Clone();
        var name = Encoding.UTF8.GetBytes(member);
        var found = 0;
        for (var i = 0; i + 46 < copy.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(copy.AsSpan(i));
            // Local header: name at 30, size at 22. Central header: name at 46, size at 24.
            var (nameAt, sizeAt) = signature switch
            {
                0x04034b50 => (30, 22),
                0x02014b50 => (46, 24),
                _ => (-1, -1),
            };
            if (nameAt < 0) continue;
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(copy.AsSpan(i + nameAt - (nameAt == 30 ? 4 : 18)));
            if (nameLength != name.Length || i + nameAt + nameLength > copy.Length) continue;
            if (!copy.AsSpan(i + nameAt, nameLength).SequenceEqual(name)) continue;
            BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(i + sizeAt), size);
            found++;
        }
        if (found != 2) throw new InvalidOperationException($"member '{member}': found {found} headers, expected 2");
        return copy;
    }
}
