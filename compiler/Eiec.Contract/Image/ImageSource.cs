namespace Eiec.Contract.Image;

/// <summary>Where <see cref="ImageReader.Read"/> takes the memory contents from.</summary>
public enum ImageSource
{
    /// <summary>image.bin if the directory holds one, else the hex files.</summary>
    Auto,
    /// <summary>The hex files (what the RTL's $readmemh loads).</summary>
    Hex,
    /// <summary>image.bin (an error if it is missing).</summary>
    Binary,
}
