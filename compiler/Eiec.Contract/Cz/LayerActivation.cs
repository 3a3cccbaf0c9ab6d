namespace Eiec.Contract.Cz;

/// <summary>The nonlinearity applied when a layer's results are written back.</summary>
public enum LayerActivation
{
    /// <summary>Identity (typically the last layer).</summary>
    None,
    /// <summary>max(0, x).</summary>
    Relu,
}
