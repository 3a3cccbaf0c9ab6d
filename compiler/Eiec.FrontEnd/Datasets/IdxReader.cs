using System.Buffers.Binary;
using System.IO.Compression;
using System.Numerics.Tensors;
using Eiec.Contract.Diagnostics;

namespace Eiec.FrontEnd.Datasets;

/// <summary>
/// IDX files as MNIST and Fashion-MNIST ship them, gzipped or not (detected by the gzip magic):
/// big-endian magic 0x0000_08_NN (08 = unsigned byte data, NN = number of dimensions), then NN
/// big-endian 32-bit sizes, then the data. Images (3-D) become floats pixel/255, labels (1-D) ints.
/// </summary>
public static class IdxReader
{
    public static (int Count, int Features, float[] Pixels) ReadImages(string path)
    {
        var (dims, data) = Read(path);
        if (dims.Length < 2)
            throw new EiecException($"{path}: an IDX image file has at least 2 dimensions, this one has {dims.Length}");
        long features = 1;
        for (int d = 1; d < dims.Length; d++) features *= dims[d];
        var pixels = new float[data.Length];
        for (int k = 0; k < data.Length; k++) pixels[k] = data[k];
        TensorPrimitives.Divide(pixels, 255f, pixels); // element-wise: identical to a scalar x / 255f
        return (dims[0], checked((int)features), pixels);
    }

    public static int[] ReadLabels(string path)
    {
        var (dims, data) = Read(path);
        if (dims.Length != 1)
            throw new EiecException($"{path}: an IDX label file has 1 dimension, this one has {dims.Length}");
        return Array.ConvertAll(data, b => (int)b);
    }

    public static (int[] Dims, byte[] Data) Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
            if (bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b)
            {
                using var gz = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
                using var plain = new MemoryStream();
                gz.CopyTo(plain);
                bytes = plain.ToArray();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        { throw new EiecException($"{path}: cannot read the IDX file: {e.Message}"); }
        if (bytes.Length < 4 || bytes[0] != 0 || bytes[1] != 0)
            throw new EiecException($"{path}: not an IDX file (bad magic number)");
        if (bytes[2] != 0x08)
            throw new EiecException($"{path}: IDX data type 0x{bytes[2]:x2} is not supported; only unsigned bytes " +
                "(0x08)");
        int rank = bytes[3];
        if (rank == 0 || bytes.Length < 4 + 4 * rank) throw new EiecException($"{path}: truncated IDX header");
        var dims = new int[rank];
        long count = 1;
        for (int d = 0; d < rank; d++)
        {
            dims[d] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * d));
            if (dims[d] < 0) throw new EiecException($"{path}: IDX dimension {d} is negative ({dims[d]})");
            count *= dims[d];
        }
        int offset = 4 + 4 * rank;
        if (bytes.Length - offset != count)
            throw new EiecException($"{path}: the IDX header promises {count} bytes of data but the file has " +
                $"{bytes.Length - offset}");
        return (dims, bytes.AsSpan(offset).ToArray());
    }
}
