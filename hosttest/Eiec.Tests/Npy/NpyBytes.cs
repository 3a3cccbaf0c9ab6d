using System.Buffers.Binary;
using System.Text;

namespace Eiec.Tests.Npy;

/// <summary>Builds .npy bytes with an arbitrary header text, for feeding the reader bad input.</summary>
public static class NpyBytes
{
    public static byte[] Build(string header, byte[] data, byte major = 1, byte minor = 0)
    {
        var text = major == 3 ? Encoding.UTF8.GetBytes(header) : Encoding.Latin1.GetBytes(header);
        var lengthSize = major == 1 ? 2 : 4;
        var bytes = new byte[8 + lengthSize + text.Length + data.Length];
        bytes[0] = 0x93;
        "NUMPY"u8.CopyTo(bytes.AsSpan(1));
        bytes[6] = major;
        bytes[7] = minor;
        if (lengthSize == 2) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)text.Length);
        else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)text.Length);
        text.CopyTo(bytes.AsSpan(8 + lengthSize));
        data.CopyTo(bytes.AsSpan(8 + lengthSize + text.Length));
        return bytes;
    }

    public static string Header(string descr, string shape, string fortran = "False") =>
        $"{{'descr': '{descr}', 'fortran_order': {fortran}, 'shape': {shape}, }}";
}
