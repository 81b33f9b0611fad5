using UnitGrains.Gateway.Auth;

namespace UnitGrains.Gateway.Tests.Auth;

/// <summary>The arguments of <c>dotnet run --project src/Gateway -- token …</c>.</summary>
public sealed class TokenCommandTests
{
    [Fact]
    public void Unit_role_and_days_are_read()
    {
        Assert.True(TokenCommand.TryParse(["--unit", "42", "--role", "officer", "--days", "7"], out var caller, out var days, out _));
        Assert.Equal(new UnitCaller("42", UnitRole.Officer), caller);
        Assert.Equal(7, days);
    }

    [Fact]
    public void Days_default_to_thirty()
    {
        Assert.True(TokenCommand.TryParse(["--role", "viewer", "--unit", "VN"], out var caller, out var days, out _));
        Assert.Equal(new UnitCaller("VN", UnitRole.Viewer), caller);
        Assert.Equal(30, days);
    }

    [Theory]
    [InlineData("--unit", "4x", "--role", "officer")]
    [InlineData("--unit", "42", "--role", "admin")]
    [InlineData("--unit", "42", "--role", "officer", "--days", "0")]
    [InlineData("--unit", "42", "--role", "officer", "--days", "-3")]
    [InlineData("--unit", "42", "--role", "officer", "--days", "366")]
    [InlineData("--unit", "42", "--role", "officer", "--expires", "1")]
    [InlineData("--role", "officer")]
    [InlineData("--unit", "42", "--role")]
    public void Bad_arguments_are_refused_with_a_reason(params string[] args)
    {
        Assert.False(TokenCommand.TryParse(args, out _, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }
}
