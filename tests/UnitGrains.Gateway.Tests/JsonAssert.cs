using System.Text.Json;
using System.Text.Json.Nodes;

namespace UnitGrains.Gateway.Tests;

/// <summary>Comparisons of JSON trees as the API writes them.</summary>
internal static class JsonAssert
{
    /// <summary>
    /// Every property of <paramref name="expected"/> is in <paramref name="actual"/> with the same
    /// value (recursively; arrays element by element and of the same length). The server may add
    /// properties (defaults, computed values); it may not drop or change one the client sent.
    /// </summary>
    public static void Contains(JsonNode? expected, JsonNode? actual, string path = "$")
    {
        switch (expected)
        {
            case null:
                Assert.True(actual is null, $"{path}: expected null, got {actual?.ToJsonString()}");
                break;
            case JsonObject obj:
                Assert.True(actual is JsonObject, $"{path}: expected an object, got {actual?.ToJsonString()}");
                foreach (var (key, value) in obj)
                {
                    Assert.True(actual!.AsObject().ContainsKey(key), $"{path}.{key} is missing from {actual.ToJsonString()}");
                    Contains(value, actual[key], $"{path}.{key}");
                }

                break;
            case JsonArray array:
                Assert.True(actual is JsonArray, $"{path}: expected an array, got {actual?.ToJsonString()}");
                Assert.True(array.Count == actual!.AsArray().Count, $"{path}: expected {array.Count} items, got {actual.ToJsonString()}");
                for (var i = 0; i < array.Count; i++)
                {
                    Contains(array[i], actual[i], $"{path}[{i}]");
                }

                break;
            default:
                Assert.True(actual is JsonValue, $"{path}: expected {expected.ToJsonString()}, got {actual?.ToJsonString()}");
                if (expected.GetValueKind() == JsonValueKind.Number)
                {
                    Assert.True(
                        actual!.GetValueKind() == JsonValueKind.Number && Number(expected) == Number(actual),
                        $"{path}: expected {expected.ToJsonString()}, got {actual.ToJsonString()}");
                }
                else
                {
                    Assert.True(expected.ToJsonString() == actual!.ToJsonString(), $"{path}: expected {expected.ToJsonString()}, got {actual.ToJsonString()}");
                }

                break;
        }
    }

    private static decimal Number(JsonNode node) => decimal.Parse(node.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The two trees are equal (same properties, same values, same order of array items).</summary>
    public static void Equal(JsonNode? expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected?.ToJsonString()}\n     got {actual?.ToJsonString()}");
}
