using Eiec.Compiler.Diagnostics;

namespace Eiec.Compiler.Cz;

/// <summary>Placeholder until the full validator lands from the cz-io branch.</summary>
public static class CzValidator
{
    public static void Validate(CzModel model, string source, int maxCodebook = 16)
    {
        for (int l = 0; l < model.Layers.Count; l++)
        {
            var layer = model.Layers[l];
            if (l > 0 && model.Layers[l - 1].Outputs != layer.Inputs)
                throw new EiecException($"{source}: layer '{layer.Name}' has {layer.Inputs} inputs but the previous layer has {model.Layers[l - 1].Outputs} outputs");
            if (layer.Codebook.Length > maxCodebook)
                throw new EiecException($"{source}: layer '{layer.Name}': codebook has {layer.Codebook.Length} entries, more than {maxCodebook}");
        }
    }
}
