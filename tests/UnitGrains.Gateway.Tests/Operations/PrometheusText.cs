using System.Globalization;
using System.Text;

namespace UnitGrains.Gateway.Tests;

/// <summary>One sample of a Prometheus scrape: metric name, labels, value.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string? this[string label] => Labels.GetValueOrDefault(label);
}

/// <summary>
/// A strict reader of the Prometheus text exposition format (version 0.0.4): <c># TYPE</c> and
/// <c># HELP</c> lines, samples <c>name{label="value",…} value [timestamp]</c> with escaped label
/// values. It throws on anything malformed, so a broken scrape fails the test that reads it.
/// </summary>
internal sealed class PrometheusText
{
    private PrometheusText(IReadOnlyList<PrometheusSample> samples, IReadOnlyDictionary<string, string> types)
    {
        Samples = samples;
        Types = types;
    }

    public IReadOnlyList<PrometheusSample> Samples { get; }

    /// <summary>Metric family → counter, gauge, histogram, summary or untyped.</summary>
    public IReadOnlyDictionary<string, string> Types { get; }

    public IEnumerable<PrometheusSample> this[string name] => Samples.Where(s => s.Name == name);

    /// <summary>The sum of a metric's samples whose labels include every given pair.</summary>
    public double Sum(string name, params (string Label, string Value)[] labels) =>
        this[name].Where(s => labels.All(l => s[l.Label] == l.Value)).Sum(s => s.Value);

    /// <summary>Scrapes <paramref name="path"/>, checks it answers 200 in the text format, and parses it.</summary>
    public static async Task<PrometheusText> ScrapeAsync(HttpClient http, string path = "/metrics")
    {
        var response = await http.GetAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return Parse(await response.Content.ReadAsStringAsync());
    }

    public static PrometheusText Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        var types = new Dictionary<string, string>();
        var number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                var parts = line.Split(' ', 4);
                if (parts.Length >= 4 && parts[1] == "TYPE")
                {
                    Check(parts[3] is "counter" or "gauge" or "histogram" or "summary" or "untyped", number, $"unknown type '{parts[3]}'");
                    Check(types.TryAdd(parts[2], parts[3]), number, $"second TYPE line for {parts[2]}");
                }

                continue;
            }

            try
            {
                samples.Add(ParseSample(line, number));
            }
            catch (IndexOutOfRangeException)
            {
                throw new FormatException($"line {number}: the sample ends too early: {line}");
            }
        }

        return new PrometheusText(samples, types);
    }

    private static PrometheusSample ParseSample(string line, int number)
    {
        var i = 0;
        while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] is '_' or ':'))
        {
            i++;
        }

        Check(i > 0 && !char.IsAsciiDigit(line[0]), number, "a sample must start with a metric name");
        var name = line[..i];
        var labels = new Dictionary<string, string>();
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                var start = i;
                while (line[i] != '=')
                {
                    i++;
                }

                var label = line[start..i];
                Check(line[i + 1] == '"', number, "label values are quoted");
                i += 2;
                var value = new StringBuilder();
                while (line[i] != '"')
                {
                    if (line[i] == '\\')
                    {
                        i++;
                        value.Append(line[i] switch { 'n' => '\n', '\\' => '\\', '"' => '"', var c => throw new FormatException($"line {number}: bad escape \\{c}") });
                    }
                    else
                    {
                        value.Append(line[i]);
                    }

                    i++;
                }

                i++;
                Check(labels.TryAdd(label, value.ToString()), number, $"label {label} twice");
                if (line[i] == ',')
                {
                    i++;
                }
            }

            i++;
        }

        var rest = line[i..].Trim().Split(' ');
        Check(rest.Length is 1 or 2, number, "a sample is 'name{labels} value [timestamp]'");
        return new PrometheusSample(name, labels, ParseValue(rest[0], number));
    }

    private static double ParseValue(string text, int number) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw new FormatException($"line {number}: '{text}' is not a number"),
    };

    private static void Check(bool condition, int line, string message)
    {
        if (!condition)
        {
            throw new FormatException($"line {line}: {message}");
        }
    }
}
