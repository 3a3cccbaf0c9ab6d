using Eiec.Compiler.Cz;

namespace Eiec.Compiler.Compress;

/// <summary>The compressed model and what it costs, layer by layer.</summary>
public sealed record CompressionResult(CzModel Model, CompressionReport Report);
