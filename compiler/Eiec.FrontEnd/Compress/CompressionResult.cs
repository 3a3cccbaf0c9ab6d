using Eiec.Contract.Cz;

namespace Eiec.FrontEnd.Compress;

/// <summary>The compressed model and what it costs, layer by layer.</summary>
public sealed record CompressionResult(CzModel Model, CompressionReport Report);
