using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using UnitGrains.Contracts;
using UnitGrains.Domain;

namespace UnitGrains.Simulation;

/// <summary>
/// Carries a scenario out through a running gateway's API, as each unit's officer would: a plan is
/// a PUT and a POST per task, completions and reports are POSTs. Every POST has an Idempotency-Key
/// derived from the action (<paramref name="keyPrefix"/>, year, what and which), so a retry — after
/// a 503 here, or a whole re-run of the same scenario — answers the first response and counts
/// nothing twice. The gateway's real clock runs; the actions carry their own dates.
/// </summary>
/// <param name="http">A client whose BaseAddress is the gateway.</param>
/// <param name="tokenFor">A bearer token of an officer of the unit (VN's reads the nation's scores).</param>
public sealed class HttpCampaignTarget(HttpClient http, Func<string, string> tokenFor, string keyPrefix) : ICampaignTarget
{
    /// <summary>How many times a request refused as overloaded (503, 429), unreachable or timed out is retried.</summary>
    public int MaxRetries { get; init; } = 6;

    /// <summary>The first wait before a retry; each further one doubles it (unless the gateway says Retry-After).</summary>
    public TimeSpan Backoff { get; init; } = TimeSpan.FromMilliseconds(200);

    public Task BeginDayAsync(DateOnly day, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<string?> IssuePlanAsync(IssuePlan action, CancellationToken cancellationToken)
    {
        var year = action.Day.Year;
        var error = await SendAsync(HttpMethod.Put, action.Unit, PlanUrl(action.Unit, year), action.Plan, idempotencyKey: null, cancellationToken);
        foreach (var task in action.Tasks)
        {
            error ??= await SendAsync(HttpMethod.Post, action.Unit, $"{PlanUrl(action.Unit, year)}/tasks", task, Key(year, "task", task.Id), cancellationToken);
        }

        return error;
    }

    public Task<string?> CompleteTaskAsync(CompleteTask action, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, action.Unit, $"{PlanUrl(action.Unit, action.Day.Year)}/tasks/{Uri.EscapeDataString(action.TaskId)}/complete", action.Completion, Key(action.Day.Year, "complete", action.TaskId), cancellationToken);

    public Task<string?> SubmitReportAsync(SubmitReport action, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, action.Unit, $"{PlanUrl(action.Unit, action.Day.Year)}/reports", action.Report, Key(action.Day.Year, "report", action.Report.Period), cancellationToken);

    /// <summary>Nothing to do: the gateway's reminders re-evaluate deadlines in real time.</summary>
    public Task RefreshAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<UnitScores?> NationAsync(int year, CancellationToken cancellationToken)
    {
        using var response = await SendWithRetriesAsync(() => Request(HttpMethod.Get, UnitCode.Nation, $"/api/units/{UnitCode.Nation}/scores?year={year}", null, null), cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<UnitScores>(ApiJson.Options, cancellationToken) : null;
    }

    private static string PlanUrl(string unit, int year) => $"/api/units/{Uri.EscapeDataString(unit)}/plans/{year}";

    private string Key(int year, string what, string? which) => $"{keyPrefix}:{year}:{what}:{which}";

    private async Task<string?> SendAsync(HttpMethod method, string unit, string url, object body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        using var response = await SendWithRetriesAsync(() => Request(method, unit, url, body, idempotencyKey), cancellationToken);
        return response.IsSuccessStatusCode ? null : await RefusalCodeAsync(response, cancellationToken);
    }

    private HttpRequestMessage Request(HttpMethod method, string unit, string url, object? body, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: ApiJson.Options) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokenFor(unit));
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        return request;
    }

    /// <summary>Sends a fresh copy of the request until it is not refused as overloaded, or the retries run out.</summary>
    private async Task<HttpResponseMessage> SendWithRetriesAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                using var message = request();
                response = await http.SendAsync(message, cancellationToken);
            }
            // Unreachable, or timed out (not cancelled by the caller): safe to resend, the key makes it count once.
            catch (Exception e) when (attempt < MaxRetries && (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested)))
            {
                await Task.Delay(Backoff * Math.Pow(2, attempt), cancellationToken);
                continue;
            }

            if (attempt >= MaxRetries || response.StatusCode is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests))
            {
                return response;
            }

            var wait = response.Headers.RetryAfter?.Delta ?? Backoff * Math.Pow(2, attempt);
            response.Dispose();
            await Task.Delay(wait, cancellationToken);
        }
    }

    /// <summary>The problem's <c>code</c> (e.g. <c>task_not_found</c>), or the status when the body has none.</summary>
    private static async Task<string> RefusalCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            if (problem.RootElement.ValueKind == JsonValueKind.Object && problem.RootElement.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String)
            {
                return code.GetString()!;
            }
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's error page, say): the status is all there is.
        }

        return $"http_{(int)response.StatusCode}";
    }
}
