namespace Eiec.Contract.Npy;

/// <summary>The element types eiec reads and writes (all little-endian on disk).</summary>
public enum NpyDType
{
    Int8,
    UInt8,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Float32,
    Float64,
}
