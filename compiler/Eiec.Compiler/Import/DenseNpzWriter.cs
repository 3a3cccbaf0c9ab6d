namespace Eiec.Compiler.Import;
// TEMPORARY stub until Eiec.Compiler.Npy lands on main; real version in /tmp/dc-pending.
public static class DenseNpzWriter { public static void Write(DenseModel model, string path) => throw new NotImplementedException(path); }
