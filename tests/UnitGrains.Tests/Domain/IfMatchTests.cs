using UnitGrains.Domain;

namespace UnitGrains.Tests.Domain;

/// <summary>Checking the versions a write names against a campaign's version (the gateway reads them from If-Match).</summary>
public sealed class IfMatchTests
{
    [Fact]
    public void The_current_version_passes_and_any_other_is_a_failed_precondition()
    {
        var ifMatch = new IfMatch([4]);
        Assert.Null(ifMatch.Check(4, exists: true));
        var stale = ifMatch.Check(5, exists: true);
        Assert.Equal(ErrorKind.PreconditionFailed, stale!.Kind);
        Assert.Equal("precondition_failed", stale.Code);
        Assert.Contains("version 5", stale.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_version_named_never_matches() => Assert.NotNull(new IfMatch([]).Check(4, exists: true));

    [Fact]
    public void Any_version_passes_when_the_plan_exists_and_fails_when_it_does_not()
    {
        var any = new IfMatch(null);
        Assert.Null(any.Check(9, exists: true));
        Assert.Equal(ErrorKind.PreconditionFailed, any.Check(0, exists: false)!.Kind);
        Assert.NotNull(new IfMatch([0]).Check(0, exists: false));
    }
}
