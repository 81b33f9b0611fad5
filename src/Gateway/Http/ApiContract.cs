using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using UnitGrains.Contracts;
using UnitGrains.Domain;
using UnitGrains.Gateway.Api;
using UnitGrains.Gateway.Reports;

namespace UnitGrains.Gateway.Http;

/// <summary>
/// The real constraints of the API written into its OpenAPI document, from the constants the code
/// enforces them with: route and query values (codes, years, ids, periods, paging, sort and format),
/// headers, the problem every error is, the statuses a body can earn (413, 415) and the other
/// content types some answers have. Field limits of bodies come from the drafts' own attributes.
/// </summary>
internal static class ApiContract
{
    public static void AddApiContract(this OpenApiOptions options)
    {
        options.AddSchemaTransformer(DescribeProblemsAndEnums);
        options.AddOperationTransformer(DescribeOperation);
    }

    private static Task DescribeProblemsAndEnums(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellation)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type.IsEnum && schema.Enum is { } values)
        {
            // Nullability is said where an enum is used (oneOf null); in the enum itself a null makes
            // "null" match both branches of that oneOf.
            schema.Enum = [.. values.Where(v => v is not null)];
        }

        if (typeof(ProblemDetails).IsAssignableFrom(type))
        {
            schema.AdditionalPropertiesAllowed = true;
            schema.AdditionalProperties = null;
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties["code"] = Text("What went wrong, for programs: validation codes (required, too_long, out_of_range…), unit_not_found, unauthenticated, out_of_scope, cluster_unavailable…");
            schema.Properties["traceId"] = Text("The request's trace, for operators.");
            schema.Properties["outcome"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [JsonValue.Create("unknown"), JsonValue.Create("not_stored")],
                Description = "On a 503 to a write: unknown — it may have been carried out, retry with the same Idempotency-Key; not_stored — nothing was stored.",
            };
            schema.Properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Text(null) },
                Description = "Messages per field, keyed by the field as the client wrote it (period.from, outputs.webPortal).",
            };
            schema.Properties["problems"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Description = "Every broken rule.",
                Items = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["code"] = Text(null),
                        ["message"] = Text(null),
                        ["field"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                    },
                },
            };
        }

        return Task.CompletedTask;
    }

    private static Task DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellation)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter is OpenApiParameter editable && Constraint(parameter.Name, operation.OperationId) is { } schema)
            {
                editable.Schema = schema;
            }
        }

        if (metadata.OfType<IAcceptsMetadata>().Any(a => a.RequestType is not null))
        {
            operation.Responses ??= [];
            operation.Responses["413"] = Problem("The body is over 1 MiB.", context);
            operation.Responses["415"] = Problem("The body is not JSON (Content-Type: application/json).", context);
        }

        if (operation.Responses?.GetValueOrDefault("200") is OpenApiResponse ok)
        {
            ok.Content ??= new Dictionary<string, OpenApiMediaType>();
            switch (operation.OperationId)
            {
                case "GetConsolidatedReport":
                    ok.Content["text/csv"] = new OpenApiMediaType { Schema = Text("format=csv: the tables, UTF-8 with a byte-order mark.") };
                    ok.Content["text/html"] = new OpenApiMediaType { Schema = Text("format=html: a printable document.") };
                    ok.Content[ConsolidatedDocx.ContentType] = new OpenApiMediaType { Schema = Binary("format=docx: the Word document, bao-cao-tong-hop-{code}-{period}.docx.") };
                    break;
                case "GetChildrenScores":
                    ok.Content[RankingXlsx.ContentType] = new OpenApiMediaType { Schema = Binary("format=xlsx: the ranking as a sheet, xep-hang-{code}-{year}.xlsx.") };
                    break;
                case "SubscribeLive":
                    ok.Content.Clear();
                    ok.Content["text/event-stream"] = new OpenApiMediaType { Schema = Text("Server-Sent Events: event: scores (data as GET …/scores), event: activity.") };
                    break;
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The schema of a route, query or header value, by its name (and the operation for the two kinds of period).</summary>
    private static OpenApiSchema? Constraint(string? name, string? operationId) => name switch
    {
        "code" => new OpenApiSchema { Type = JsonSchemaType.String, Pattern = UnitCode.Pattern, MaxLength = UnitCode.MaxLength, Description = "VN, a GSO code (75, 439, 26278) or a department's <unit>-<ABBR> (75-SNV), read as the unit holding it today (or on ?on=); a unit that ended is also named by its key, code@last-day (70@2025-06-30)." },
        UnitDirectory.OnParameter => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date", Pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", Description = "The day the code is read on (YYYY-MM-DD)." },
        "through" => Choice(ScoresApi.Throughs),
        "kind" => Choice(ScoresApi.ChildKinds),
        "year" => new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = $"{CampaignYear.Min}", Maximum = $"{CampaignYear.Max}" },
        "taskId" => new OpenApiSchema { Type = JsonSchemaType.String, Pattern = ItemId.Pattern },
        "period" when operationId == "GetConsolidatedReport" => new OpenApiSchema { Type = JsonSchemaType.String, Pattern = Consolidation.PeriodPattern, Description = "A quarter (2026-Q1), the first half (2026-H1) or the year (2026 or 2026-Y)." },
        "period" => new OpenApiSchema { Type = JsonSchemaType.String, Pattern = ReportPeriod.Pattern },
        "offset" => new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0" },
        "limit" => new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1", Maximum = $"{PageRequest.MaxLimit}" },
        "sort" => Choice(ScoresApi.Sorts),
        "format" when operationId == "GetChildrenScores" => Choice(ScoresApi.Formats),
        "format" => Choice(ConsolidatedReportsApi.Formats),
        WriteConditions.IdempotencyKeyHeader => new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[!-~]{1," + WriteConditions.MaxKeyLength + "}$", Description = "1–255 visible ASCII characters (a UUID)." },
        _ => null,
    };

    private static OpenApiSchema Choice(IEnumerable<string> values) =>
        new() { Type = JsonSchemaType.String, Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))] };

    private static OpenApiSchema Text(string? description) => new() { Type = JsonSchemaType.String, Description = description };

    private static OpenApiSchema Binary(string description) => new() { Type = JsonSchemaType.String, Format = "binary", Description = description };

    private static OpenApiResponse Problem(string description, OpenApiOperationTransformerContext context) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(nameof(ProblemDetails), context.Document) },
        },
    };
}
