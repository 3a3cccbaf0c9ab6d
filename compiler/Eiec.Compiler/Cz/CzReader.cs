namespace Eiec.Compiler.Cz;
public static class CzReader { public static CzModel Read(string path) => throw new NotImplementedException(path); }
