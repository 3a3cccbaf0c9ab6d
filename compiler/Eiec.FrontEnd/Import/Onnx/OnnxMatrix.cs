namespace Eiec.FrontEnd.Import.Onnx;

/// <summary>A 2-D float initializer, row-major.</summary>
internal readonly record struct OnnxMatrix(long Rows, long Cols, float[] Data);
