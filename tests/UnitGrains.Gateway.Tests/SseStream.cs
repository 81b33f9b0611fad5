using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace UnitGrains.Gateway.Tests;

/// <summary>One Server-Sent Event as the browser's EventSource would see it.</summary>
internal sealed record SseEvent(string Event, string? Id, string Data)
{
    public JsonObject Json => JsonNode.Parse(Data)!.AsObject();
}

/// <summary>
/// A client of <c>GET …/live</c>: a background reader parses the stream line by line as the SSE
/// spec says and queues events and comments, so a test can wait for them with timeouts without
/// cancelling a read half-way through a line. <c>read: false</c> makes a client that never reads.
/// </summary>
internal sealed class SseStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly Channel<SseEvent> _events = Channel.CreateUnbounded<SseEvent>();
    private readonly Channel<string> _comments = Channel.CreateUnbounded<string>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;

    private SseStream(HttpResponseMessage response, Stream body, bool read)
    {
        _response = response;
        _pump = read ? Task.Run(() => PumpAsync(body)) : Task.CompletedTask;
    }

    public HttpResponseMessage Response => _response;

    private readonly List<string> _seenComments = [];

    /// <summary>The comments received so far.</summary>
    public IReadOnlyList<string> Comments
    {
        get
        {
            lock (_seenComments)
            {
                return [.. _seenComments];
            }
        }
    }

    public string? Retry { get; private set; }

    public static async Task<SseStream> OpenAsync(HttpClient http, string url, string? lastEventId = null, bool read = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new SseStream(response, await response.Content.ReadAsStreamAsync(), read);
    }

    private async Task PumpAsync(Stream body)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        string? name = null, id = null;
        var data = new StringBuilder();
        try
        {
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (data.Length > 0 || name is not null)
                    {
                        _events.Writer.TryWrite(new SseEvent(name ?? "message", id, data.ToString().TrimEnd('\n')));
                    }

                    (name, data) = (null, new StringBuilder());
                    continue;
                }

                if (line.StartsWith(':'))
                {
                    var comment = line[1..].Trim();
                    lock (_seenComments)
                    {
                        _seenComments.Add(comment);
                    }

                    _comments.Writer.TryWrite(comment);
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
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Disposed by the test, or the server went away.
        }
        finally
        {
            _events.Writer.TryComplete();
            _comments.Writer.TryComplete();
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
                var next = await _events.Reader.ReadAsync(cancel.Token);
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
        catch (ChannelClosedException)
        {
            throw new EndOfStreamException($"The stream ended before {what}.");
        }
    }

    /// <summary>Waits for a comment line containing <paramref name="text"/>.</summary>
    public async Task CommentAsync(string text, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (!(await _comments.Reader.ReadAsync(cancel.Token)).Contains(text, StringComparison.Ordinal))
            {
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No comment '{text}' within {timeout.TotalSeconds:N0} s.");
        }
    }

    private int _disposed;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        _response.Dispose();
        await _pump;
        _stop.Dispose();
    }
}
