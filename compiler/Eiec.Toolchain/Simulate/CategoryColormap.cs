using ScottPlot;

namespace Eiec.Toolchain.Simulate;

/// <summary>
/// A colormap of categories: position 0 .. 1 over <c>n</c> colours picks the nearest one, so a heatmap
/// of category indexes 0 .. n−1 (with its range set to them) shows each category in its colour.
/// </summary>
public sealed class CategoryColormap(IReadOnlyList<Color> colors) : IColormap
{
    public string Name => "categories";

    public Color GetColor(double position)
    {
        if (double.IsNaN(position)) return Colors.Transparent;
        int i = (int)Math.Round(Math.Clamp(position, 0, 1) * (colors.Count - 1));
        return colors[i];
    }
}
