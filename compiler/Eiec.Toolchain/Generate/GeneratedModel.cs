namespace Eiec.Toolchain.Generate;

/// <summary>One model written by a generator call: the .cz and its input .npy.</summary>
/// <param name="ModelPath">The .cz written.</param>
/// <param name="NonZeros">Stored weights over all its layers.</param>
/// <param name="InputPath">The input .npy written beside it.</param>
/// <param name="InputNonZeros">Non-zero input values.</param>
/// <param name="InputLength">Input length.</param>
public sealed record GeneratedModel(
    string ModelPath, long NonZeros, string InputPath, int InputNonZeros, int InputLength);
