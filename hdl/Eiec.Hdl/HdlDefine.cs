namespace Eiec.Hdl;

/// <summary>One `define of the generated header eie_config.vh.</summary>
public sealed record HdlDefine(string Name, string Value, string Description);
