namespace Eiec.Compiler.Datasets;
// TEMPORARY stub until Eiec.Compiler.Npy lands on main; real version in /tmp/dc-pending.
public static class NpzDataset { public static DatasetSplits Load(string path) => throw new NotImplementedException(path); }
