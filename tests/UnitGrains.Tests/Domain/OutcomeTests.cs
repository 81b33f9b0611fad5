using UnitGrains.Domain;

namespace UnitGrains.Tests.Domain;

public class OutcomeTests
{
    private static readonly DomainError Broken = DomainError.Invalid("title", "required", "'title' is required.");

    [Fact]
    public void A_success_carries_its_value_and_no_errors()
    {
        var outcome = Outcome<int>.Success(42);

        Assert.True(outcome.IsSuccess);
        Assert.Empty(outcome.Errors);
        Assert.Equal(42, outcome.GetValue());
    }

    [Fact]
    public void A_failure_carries_its_errors_and_is_not_a_success()
    {
        var outcome = Outcome<int>.Failure(Broken);

        Assert.False(outcome.IsSuccess);
        Assert.Equal([Broken], outcome.Errors);
    }

    [Fact]
    public void GetValue_on_a_failure_throws_with_the_first_error_message()
    {
        var outcome = Outcome<string>.Failure([Broken, DomainError.Conflict("x", "second")]);

        var thrown = Assert.Throws<InvalidOperationException>(() => outcome.GetValue());
        Assert.Contains("'title' is required.", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failure_without_errors_cannot_be_built()
    {
        Assert.Throws<ArgumentException>(() => Outcome<int>.Failure([]));
    }

    [Fact]
    public void Values_and_errors_convert_implicitly()
    {
        Outcome<string> fromValue = "ok";
        Outcome<string> fromError = Broken;

        Assert.Equal("ok", fromValue.GetValue());
        Assert.Equal(Broken, Assert.Single(fromError.Errors));
    }

    [Fact]
    public void Map_transforms_a_success()
    {
        Assert.Equal(43, Outcome<int>.Success(42).Map(x => x + 1).GetValue());
    }

    [Fact]
    public void Map_keeps_the_errors_of_a_failure_without_calling_the_function()
    {
        var called = false;
        var mapped = Outcome<int>.Failure(Broken).Map(x => { called = true; return x.ToString(System.Globalization.CultureInfo.InvariantCulture); });

        Assert.False(called);
        Assert.Equal([Broken], mapped.Errors);
    }

    [Fact]
    public void Then_chains_a_success_into_the_next_outcome()
    {
        var next = Outcome<int>.Success(2).Then(x => x > 1 ? Outcome<string>.Failure(Broken) : Outcome<string>.Success("small"));

        Assert.Equal([Broken], next.Errors);
    }

    [Fact]
    public void Then_short_circuits_a_failure()
    {
        var called = false;
        var next = Outcome<int>.Failure(Broken).Then(x => { called = true; return Outcome<int>.Success(x); });

        Assert.False(called);
        Assert.Equal([Broken], next.Errors);
    }

    [Fact]
    public void DomainError_factories_set_kind_code_and_field()
    {
        var invalid = DomainError.Invalid("period.to", "period_reversed", "m");
        var notFound = DomainError.NotFound("task_not_found", "m");
        var conflict = DomainError.Conflict("invalid_transition", "m");

        Assert.Equal((ErrorKind.Validation, "period_reversed", "period.to"), (invalid.Kind, invalid.Code, invalid.Field));
        Assert.Equal((ErrorKind.NotFound, "task_not_found", (string?)null), (notFound.Kind, notFound.Code, notFound.Field));
        Assert.Equal((ErrorKind.Conflict, "invalid_transition", (string?)null), (conflict.Kind, conflict.Code, conflict.Field));
    }
}
