namespace Eiec.Contract.Npy;

/// <summary>
/// CRC-32 (ISO-HDLC, as used by ZIP), slicing-by-8. System.IO.Compression does not verify the CRC
/// of stored members, so a flipped bit in an uncompressed weight array would otherwise go unnoticed.
/// Also image.bin's checksum (docs/image-format.md); public so tools can write valid images.
/// </summary>
public static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    private static uint[] BuildTable()
    {
        var table = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        for (var i = 0; i < 256; i++)
            for (var s = 1; s < 8; s++)
                table[s * 256 + i] = (table[(s - 1) * 256 + i] >> 8) ^ table[table[(s - 1) * 256 + i] & 0xFF];
        return table;
    }

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var t = Table;
        var crc = 0xFFFFFFFFu;
        var i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            var lo = crc ^ (uint)(data[i] | data[i + 1] << 8 | data[i + 2] << 16 | data[i + 3] << 24);
            var hi = (uint)(data[i + 4] | data[i + 5] << 8 | data[i + 6] << 16 | data[i + 7] << 24);
            crc = t[7 * 256 + (lo & 0xFF)] ^ t[6 * 256 + ((lo >> 8) & 0xFF)]
                ^ t[5 * 256 + ((lo >> 16) & 0xFF)] ^ t[4 * 256 + (lo >> 24)]
                ^ t[3 * 256 + (hi & 0xFF)] ^ t[2 * 256 + ((hi >> 8) & 0xFF)]
                ^ t[256 + ((hi >> 16) & 0xFF)] ^ t[hi >> 24];
        }
        for (; i < data.Length; i++) crc = t[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }
}
