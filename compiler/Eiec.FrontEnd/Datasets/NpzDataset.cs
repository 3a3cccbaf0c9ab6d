using Eiec.Contract.Diagnostics;
using Eiec.Contract.Npy;

namespace Eiec.FrontEnd.Datasets;

/// <summary>
/// A data set in an .npz: x (examples × …features) and y (examples), optionally x_test and y_test
/// for the evaluation split (else x/y serve both). uint8 x is scaled by 1/255 like the IDX files;
/// float x is used as is. Labels must be integers.
/// </summary>
public static class NpzDataset
{
    public static DatasetSplits Load(string path)
    {
        var arrays = NpzReader.Read(path);
        var train = Split(arrays, path, "x", "y")
            ?? throw new EiecException($"{path}: a data set .npz needs arrays 'x' and 'y' (it has " +
                $"{string.Join(", ", arrays.Keys)})");
        var test = Split(arrays, path, "x_test", "y_test") ?? train;
        return new DatasetSplits(train, test);
    }

    private static Dataset? Split(IReadOnlyDictionary<string, NpyArray> arrays, string path, string xName, string yName)
    {
        bool hasX = arrays.TryGetValue(xName, out var x), hasY = arrays.TryGetValue(yName, out var y);
        if (!hasX && !hasY) return null;
        if (x is null || y is null)
            throw new EiecException($"{path}: has '{(hasX ? xName : yName)}' but not '{(hasX ? yName : xName)}'");
        if (x.Rank < 2)
            throw new EiecException($"{path}: '{xName}' has shape {x.ShapeText}; expected examples × features");
        if (y.Rank != 1 || y.Shape[0] != x.Shape[0])
            throw new EiecException($"{path}: '{yName}' has shape {y.ShapeText} but '{xName}' has {x.Shape[0]} " +
                "examples");
        if (y.DType is NpyDType.Float32 or NpyDType.Float64)
            throw new EiecException($"{path}: '{yName}' has dtype {y.Descr}; labels must be integers");
        int count = x.Shape[0];
        int features = count == 0 ? 0 : x.Length / count;
        float[] values = x.DType switch
        {
            NpyDType.UInt8 => Array.ConvertAll(x.ToUInt8(), v => v / 255f),
            NpyDType.Float32 or NpyDType.Float64 => x.ToFloat32(),
            _ => throw new EiecException($"{path}: '{xName}' has dtype {x.Descr}; expected uint8 pixels or " +
                "float32/float64"),
        };
        for (int k = 0; k < values.Length; k++)
            if (!float.IsFinite(values[k]))
                throw new EiecException($"{path}: '{xName}' example {k / Math.Max(features, 1)}, feature " +
                    $"{k % Math.Max(features, 1)} is {values[k]}");
        return new Dataset
        {
            Source = $"{path}:{xName}",
            Count = count,
            Features = features,
            X = values,
            Labels = y.ToInt32(),
        };
    }
}
