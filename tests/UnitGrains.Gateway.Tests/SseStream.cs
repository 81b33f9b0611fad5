using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace UnitGrains.Gateway.Tests;

/// <summary>One Server-Sent Event as the browser's EventSource would see it.</summary>
internal sealed record SseEvent(string Event, string? Id, string Data)
{
    public JsonObject Json => JsonNode.Parse(Data)!.AsObject();
}

/// <summary>A client of <c>GET …/live</c>: parses the stream line by line, as the SSE spec says.</summary>
internal sealed class SseStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseStream(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _reader = new StreamReader(body, Encoding.UTF8);
    }

    public HttpResponseMessage Response => _response;

    public List<string> Comments { get; } = [];

    public string? Retry { get; private set; }

    public static async Task<SseStream> OpenAsync(HttpClient http, string url, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new SseStream(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The next event (comments and the retry field are recorded on the way).</summary>
    public async Task<SseEvent> NextAsync(CancellationToken cancellation)
    {
        string? name = null, id = null;
        var data = new StringBuilder();
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancellation) ?? throw new EndOfStreamException("The server closed the stream.");
            if (line.Length == 0)
            {
                if (data.Length > 0 || name is not null)
                {
                    return new SseEvent(name ?? "message", id, data.ToString().TrimEnd('\n'));
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                Comments.Add(line[1..].Trim());
                continue;
            }

            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "event": name = value; break;
                case "id": id = value; break;
                case "data": data.Append(value).Append('\n'); break;
                case "retry": Retry = value; break;
            }
        }
    }

    /// <summary>Reads events until one matches, within <paramref name="timeout"/>.</summary>
    public async Task<SseEvent> NextAsync(Func<SseEvent, bool> wanted, TimeSpan timeout, string what)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var next = await NextAsync(cancel.Token);
                if (wanted(next))
                {
                    return next;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No event within {timeout.TotalSeconds:N0} s: {what}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        await Task.CompletedTask;
    }
}
