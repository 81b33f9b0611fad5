namespace UnitGrains.Domain;

/// <summary>
/// The result of a domain operation: a value, or every error found (validation reports all
/// broken rules at once, so a user fixes a plan file in one pass, not one error per round trip).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Outcome<T>(T? Value, IReadOnlyList<DomainError> Errors)
{
    public bool IsSuccess => Errors.Count == 0;

    public static Outcome<T> Success(T value) => new(value, []);

    public static Outcome<T> Failure(IReadOnlyList<DomainError> errors) =>
        errors.Count == 0 ? throw new ArgumentException("A failure needs at least one error.", nameof(errors)) : new(default, errors);

    public static Outcome<T> Failure(DomainError error) => new(default, [error]);

    public static implicit operator Outcome<T>(DomainError error) => Failure(error);

    public static implicit operator Outcome<T>(T value) => Success(value);

    /// <summary>The value of a successful outcome; calling it on a failure is a bug.</summary>
    public T GetValue() => IsSuccess ? Value! : throw new InvalidOperationException($"Outcome failed: {Errors[0].Message}");

    public Outcome<TResult> Map<TResult>(Func<T, TResult> map) =>
        IsSuccess ? Outcome<TResult>.Success(map(Value!)) : Outcome<TResult>.Failure(Errors);

    /// <summary>Errors re-blamed on fields under <paramref name="prefix"/>; a success passes through.</summary>
    public Outcome<T> Within(string prefix) =>
        IsSuccess ? this : Failure(Errors.Select(e => e.Within(prefix)).ToList());

    public Outcome<TResult> Then<TResult>(Func<T, Outcome<TResult>> next) =>
        IsSuccess ? next(Value!) : Outcome<TResult>.Failure(Errors);
}

/// <summary>Collects validation errors for one input, each tagged with the JSON path to blame.</summary>
public sealed class Validator
{
    private readonly List<DomainError> _errors = [];

    public IReadOnlyList<DomainError> Errors => _errors;

    public bool HasErrors => _errors.Count > 0;

    public void Add(string field, string code, string message) => _errors.Add(DomainError.Invalid(field, code, message));

    public void AddRange(IEnumerable<DomainError> errors) => _errors.AddRange(errors);

    /// <summary>A figure within <see cref="Bounds"/>; null (with the error recorded) when it is not.</summary>
    public decimal? Quantity(string field, decimal value, bool positive, string? label = null)
    {
        if (Bounds.CheckQuantity(field, value, positive, label) is { } error)
        {
            _errors.Add(error);
            return null;
        }

        return value;
    }

    /// <summary>
    /// The items of a list a client sent, with their index, skipping (and blaming) null items —
    /// a JSON array may hold nulls whatever the type says — and refusing more than <paramref name="max"/>.
    /// </summary>
    public IReadOnlyList<(int Index, T Item)> Items<T>(string field, IReadOnlyList<T?>? items, int max = Bounds.MaxListItems)
        where T : class
    {
        if (items is null || items.Count == 0)
        {
            return [];
        }

        if (items.Count > max)
        {
            Add(field, "too_many", $"'{field}' has {items.Count} items; at most {max} are allowed.");
        }

        var result = new List<(int, T)>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is { } item)
            {
                result.Add((i, item));
            }
            else
            {
                Add($"{field}[{i}]", "required", $"'{field}[{i}]' is null; leave it out instead.");
            }
        }

        return result;
    }

    public string? RequiredText(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "required", $"'{field}' is required.");
            return null;
        }

        return OptionalText(field, value, maxLength);
    }

    public string? OptionalText(string field, string? value, int maxLength)
    {
        if (value is null)
        {
            return null;
        }

        if (HasUnpairedSurrogate(value))
        {
            // Normalize would throw on it: report it like any other broken rule.
            Add(field, "invalid_text", $"'{field}' is not valid Unicode text (it contains an unpaired surrogate).");
            return null;
        }

        var trimmed = value.Trim().Normalize(System.Text.NormalizationForm.FormC);
        if (trimmed.Length > maxLength)
        {
            Add(field, "too_long", $"'{field}' has {trimmed.Length} characters; at most {maxLength} are allowed.");
        }

        if (trimmed.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            Add(field, "control_characters", $"'{field}' contains control characters.");
        }

        return trimmed.Length == 0 ? null : trimmed;
    }

    /// <summary>Enum lists: each value once, so a plan never counts a channel twice.</summary>
    public IReadOnlyList<T> DistinctList<T>(string field, IReadOnlyList<T>? values)
    {
        if (values is null)
        {
            return [];
        }

        var seen = new HashSet<T>();
        for (var i = 0; i < values.Count; i++)
        {
            if (!seen.Add(values[i]))
            {
                Add($"{field}[{i}]", "duplicate", $"'{values[i]}' is listed more than once in '{field}'.");
            }
        }

        return [.. values];
    }

    private static bool HasUnpairedSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return true;
            }
        }

        return false;
    }

    public Outcome<T> Finish<T>(Func<T> build) => HasErrors ? Outcome<T>.Failure([.. _errors]) : Outcome<T>.Success(build());
}
