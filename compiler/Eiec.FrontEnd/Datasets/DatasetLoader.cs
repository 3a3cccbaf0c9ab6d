using Eiec.Contract.Diagnostics;

namespace Eiec.FrontEnd.Datasets;

/// <summary>
/// Opens a data set given on the command line (--data):
/// <list type="bullet">
/// <item>a directory of IDX files as MNIST/Fashion-MNIST ship them:
///   train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte,
///   each optionally gzipped (.gz). Pixels are scaled by 1/255 into [0, 1].</item>
/// <item>an .npz with arrays x (examples × features, or examples × h × w) and y (labels), and
///   optionally x_test / y_test. uint8 x is scaled by 1/255; float x is taken as is.</item>
/// </list>
/// </summary>
public static class DatasetLoader
{
    public static DatasetSplits Load(string path)
    {
        if (Directory.Exists(path)) return LoadIdxDirectory(path);
        if (File.Exists(path) && path.EndsWith(".npz", StringComparison.OrdinalIgnoreCase))
            return NpzDataset.Load(path);
        throw new EiecException($"{path}: not a data set: give a directory of IDX files " +
            "(train-images-idx3-ubyte[.gz], …) or an .npz with x and y arrays");
    }

    public static DatasetSplits LoadIdxDirectory(string directory) =>
        new(LoadIdx(directory, "train"), LoadIdx(directory, "t10k"));

    public static Dataset LoadIdx(string directory, string split)
    {
        string images = Find(directory, $"{split}-images-idx3-ubyte");
        string labels = Find(directory, $"{split}-labels-idx1-ubyte");
        var (count, features, pixels) = IdxReader.ReadImages(images);
        var y = IdxReader.ReadLabels(labels);
        if (y.Length != count)
            throw new EiecException($"{labels}: {y.Length} labels for the {count} images of {images}");
        return new Dataset { Source = images, Count = count, Features = features, X = pixels, Labels = y };
    }

    private static string Find(string directory, string name)
    {
        foreach (var candidate in new[] { name, name + ".gz" })
        {
            var p = Path.Combine(directory, candidate);
            if (File.Exists(p)) return p;
        }
        throw new EiecException($"{directory}: no {name} or {name}.gz in this IDX data directory");
    }
}
