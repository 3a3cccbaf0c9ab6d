namespace Eiec.Hdl;

/// <summary>One generated file: its name (no directory) and its full text ('\n' line endings).</summary>
public sealed record GeneratedFile(string Name, string Text);
