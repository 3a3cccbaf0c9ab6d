namespace Eiec.Compiler.Import;
// TEMPORARY stub until Eiec.Compiler.Npy lands on main; real version in /tmp/dc-pending.
public static class NpzDenseImporter { public static DenseModel Read(string path) => throw new NotImplementedException(path); }
