namespace Eiec.Compiler.Cz;
// TEMPORARY stub until CzWriter lands on main (delete on merge).
public static class CzWriter { public static void Write(CzModel model, string path) => throw new NotImplementedException(path); }
