namespace Eiec.FrontEnd.Import;

/// <summary>
/// Row-major float matrices as importers meet them (Keras kernels and ONNX MatMul weights are inputs × outputs).
/// </summary>
public static class RowMajor
{
    /// <summary>The transpose of a rows × cols row-major matrix, as a cols × rows row-major matrix.</summary>
    public static float[] Transpose(float[] data, int rows, int cols)
    {
        var result = new float[data.LongLength];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                result[(long)c * rows + r] = data[(long)r * cols + c];
        return result;
    }
}
