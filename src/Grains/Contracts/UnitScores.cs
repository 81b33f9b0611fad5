using UnitGrains.Domain;

namespace UnitGrains.Contracts;

/// <summary>
/// A unit's indicators for one campaign year: on its own and for its whole subtree — which, for a
/// unit made by the 2025 reform, includes the work of the units that ended into it
/// (<paramref name="Carried"/>, their keys), so tỉnh Đồng Nai's 2022 holds tỉnh Bình Phước's.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record UnitScores(string Code, string Name, int Year, long Version, DateTimeOffset ComputedAt, Indicators Own, Indicators Subtree, IReadOnlyList<string>? Carried = null);

/// <summary>Open escalations of a subtree, oldest first: one page and the total.</summary>
[GenerateSerializer, Immutable]
public sealed record EscalationPage(IReadOnlyList<Escalation> Items, int Total);

/// <summary>One point of a score time series.</summary>
[GenerateSerializer, Immutable]
public readonly record struct ScorePoint(DateTimeOffset At, double? Score);

/// <summary>A unit's subtree score over a campaign year: one point per day and every change of the last hours.</summary>
[GenerateSerializer, Immutable]
public sealed record ScoreHistory(string Code, int Year, IReadOnlyList<ScorePoint> Daily, IReadOnlyList<ScorePoint> Recent);
