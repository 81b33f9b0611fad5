namespace UnitGrains.Gateway.Tests;

/// <summary>The test's own Prometheus reader, so a scrape test never passes on a misread.</summary>
public sealed class PrometheusTextTests
{
    [Fact]
    public void Samples_types_labels_and_escapes_are_read()
    {
        var text = PrometheusText.Parse("""
            # TYPE a_total counter
            # HELP a_total Things, counted.
            a_total{level="commune",note="say \"hi\"\\n"} 12 1700000000000
            # TYPE h histogram
            h_bucket{le="0.5"} 3
            h_bucket{le="+Inf"} 4
            h_count 4
            h_sum 1.25e0
            """.Replace("\r", ""));

        Assert.Equal("counter", text.Types["a_total"]);
        Assert.Equal("histogram", text.Types["h"]);
        var a = Assert.Single(text["a_total"]);
        Assert.Equal(12, a.Value);
        Assert.Equal("commune", a["level"]);
        Assert.Equal("say \"hi\"\\n", a["note"]);
        Assert.Equal(["0.5", "+Inf"], text["h_bucket"].Select(s => s["le"]));
        Assert.Equal(1.25, Assert.Single(text["h_sum"]).Value);
    }

    [Theory]
    [InlineData("a_total{level=commune} 1")]
    [InlineData("a_total one")]
    [InlineData("{level=\"x\"} 1")]
    [InlineData("a_total 1 2 3")]
    [InlineData("a_total{level=\"commune 1")]
    [InlineData("# TYPE a_total countr")]
    public void Malformed_lines_are_rejected(string line) =>
        Assert.Throws<FormatException>(() => PrometheusText.Parse(line));
}
