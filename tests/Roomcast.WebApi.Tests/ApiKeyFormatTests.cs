using Roomcast.WebApi.Auth;

namespace Roomcast.WebApi.Tests;

public sealed class ApiKeyFormatTests
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    [Fact]
    public void CreatedKeyParsesBackToItsIdAndSecret()
    {
        var (id, secret, text) = ApiKeyFormat.Create();

        Assert.True(ApiKeyFormat.TryParse(text, out var parsedId, out var parsedSecret));
        Assert.Equal(id, parsedId);
        Assert.Equal(secret, parsedSecret);
        Assert.Equal(32, secret.Length);
        Assert.StartsWith(ApiKeyFormat.PrefixOf(id), text);
    }

    [Fact]
    public void EverySingleCharacterChangeIsRefusedOrNamesAnotherSecret()
    {
        var (id, secret, text) = ApiKeyFormat.Create();
        for (var i = 0; i < text.Length; i++)
        {
            foreach (var replacement in Alphabet.Where(c => c != text[i]))
            {
                var altered = text[..i] + replacement + text[(i + 1)..];
                if (ApiKeyFormat.TryParse(altered, out var alteredId, out var alteredSecret))
                {
                    // Canonical spelling only: an altered key never parses to the same id and secret.
                    Assert.False(alteredId == id && alteredSecret.SequenceEqual(secret), $"'{altered}' parsed as the original key");
                }
            }
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("rk_")]
    [InlineData("rk_0123456789abcdef0123456789abcdef_")]
    [InlineData("xx_0123456789abcdef0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("rk_0123456789ABCDEF0123456789ABCDEF_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("rk_0123456789abcdef0123456789abcdef-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("rk_0123456789abcdef0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("rk_0123456789abcdef0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB")]
    public void MalformedKeysDoNotParse(string? text)
    {
        Assert.False(ApiKeyFormat.TryParse(text, out _, out _));
    }

    [Fact]
    public void CanonicalKeyOfKnownBytesParses()
    {
        Assert.True(ApiKeyFormat.TryParse("rk_0123456789abcdef0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", out var id, out var secret));
        Assert.Equal(new Guid("01234567-89ab-cdef-0123-456789abcdef"), id);
        Assert.All(secret, b => Assert.Equal(0, b));
    }
}
