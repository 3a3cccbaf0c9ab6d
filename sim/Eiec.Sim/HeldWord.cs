namespace Eiec.Sim;

/// <summary>
/// One PE's sparse-matrix SRAM output register as far as counting reads goes (the held-word rule,
/// docs/microarchitecture.md): the word it holds and the first word it read since reset. This is the
/// only state an inference leaves behind that changes another inference's figures (one
/// <c>spmat_word_read</c> less when the next run starts in the held word), which is what lets
/// <see cref="Simulator.RunBatch"/> run a batch in parallel pieces and still count exactly what one
/// array running the whole batch back to back counts.
/// </summary>
/// <param name="Held">A word is held (word_v; false only until the first read after reset).</param>
/// <param name="Address">The held word's address (word_addr), when <paramref name="Held"/>.</param>
/// <param name="FirstRead">The address of the first word read since reset, or −1 if none was read yet.</param>
public readonly record struct HeldWord(bool Held, int Address, int FirstRead);
