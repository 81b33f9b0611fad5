namespace UnitGrains.Gateway;

/// <summary>
/// How long a write waits for the cluster before its client is told 503 "the write may have been
/// carried out" (<c>UnitGrains:Cluster:WriteTimeoutSeconds</c>, default 5). A write in flight on a
/// silo that dies never gets an answer: without this the gateway waited Orleans' response timeout
/// (30 s) for it, while the cluster itself recovers in seconds. Reads keep Orleans' timeout — a
/// first read of the nation after a restart activates the whole tree and may take longer, and a
/// read is safe to retry anyway.
/// </summary>
public static class WriteDeadline
{
    public const string Key = "UnitGrains:Cluster:WriteTimeoutSeconds";

    /// <summary>Puts a deadline on the grain calls made while the gateway serves a write (any method but GET and HEAD).</summary>
    public static IClientBuilder AddWriteDeadline(this IClientBuilder client, IConfiguration configuration)
    {
        var timeout = TimeSpan.FromSeconds(configuration.GetValue(Key, 5.0));
        client.Services.AddHttpContextAccessor();
        client.Services.AddSingleton<IOutgoingGrainCallFilter>(sp => new Filter(sp.GetRequiredService<IHttpContextAccessor>(), timeout));
        return client;
    }

    private sealed class Filter(IHttpContextAccessor http, TimeSpan timeout) : IOutgoingGrainCallFilter
    {
        public async Task Invoke(IOutgoingGrainCallContext context)
        {
            if (http.HttpContext?.Request.Method is not { } method || HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
            {
                await context.Invoke();
                return;
            }

            var call = context.Invoke();
            try
            {
                await call.WaitAsync(timeout);
            }
            catch (TimeoutException)
            {
                // The call goes on without us; its late failure, if any, is nobody's to observe.
                _ = call.ContinueWith(static t => t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
                throw new TimeoutException($"The cluster did not answer {context.InterfaceName}.{context.MethodName} within {timeout.TotalSeconds:F0} s ({Key}).");
            }
        }
    }
}
