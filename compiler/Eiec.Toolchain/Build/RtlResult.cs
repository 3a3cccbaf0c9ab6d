namespace Eiec.Toolchain.Build;

/// <summary>What <see cref="EiecToolchain.Rtl"/> wrote: the directory and its files, in files.f order.</summary>
public sealed record RtlResult(string OutputDir, IReadOnlyList<string> Files, string ConfigHash);
