namespace Eiec.Tests.Cz;

public static class MessageAssertions
{
    /// <summary>Asserts the message mentions every given fragment (file, layer, field, member, value).</summary>
    public static void ShouldMention(this string message, params string[] fragments)
    {
        foreach (var fragment in fragments)
            message.Should().Contain(fragment, $"the message should name '{fragment}'");
    }
}
