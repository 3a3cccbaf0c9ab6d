namespace Eiec.Contract.Npy;

/// <summary>The three keys of a .npy header dictionary, as written in the file.</summary>
internal sealed record NpyHeader(string Descr, bool FortranOrder, int[] Shape);
