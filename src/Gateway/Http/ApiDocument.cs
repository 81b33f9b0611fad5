using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using UnitGrains.Domain;
using UnitGrains.Gateway.Auth;

namespace UnitGrains.Gateway.Http;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) and its reference page (<c>/docs</c>). Endpoints
/// describe themselves (summary, response types, problems); this adds what is common: the bearer
/// scheme, required by every endpoint that carries <see cref="UnitAccessMetadata"/>, and report
/// periods written as the strings clients send.
/// </summary>
public static class ApiDocument
{
    public const string Name = "v1";
    public const string BearerScheme = "Bearer";

    public static WebApplicationBuilder AddUnitGrainsApiDocument(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(Name, options =>
        {
            // The client API only: the operators' dashboard, metrics and health are not part of it.
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "UnitGrains API",
                    Version = Name,
                    Description = "Campaign plans, tasks, reports and live indicator scores of every Vietnamese administrative unit. " +
                        "Send `Authorization: Bearer <token>`; a token names a unit and a role (officer, consolidator, viewer). " +
                        "Errors are RFC 7807 problem details with a machine-readable `code`. See docs/api.md.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "A JWT with claims `unit` (a unit code) and `role` (officer | consolidator | viewer): the access token of the OpenID Connect provider the gateway trusts (see GET /api/about), or a development token of the gateway's own key (HS256).",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<UnitAccessMetadata>().LastOrDefault() is { } access)
                {
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
                    operation.Description = (operation.Description is null ? string.Empty : operation.Description + "\n\n") + (access.Access == UnitAccess.Write
                        ? "Needs a token of an officer (or the office) of this unit."
                        : "Needs a token whose scope includes this unit: its officers and viewers, officers and viewers of any unit above it, offices of its parent, national viewers.");
                }

                return Task.CompletedTask;
            });
            options.AddApiContract();
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonTypeInfo.Type == typeof(ReportPeriod) || context.JsonTypeInfo.Type == typeof(ReportPeriod?))
                {
                    schema.Type = JsonSchemaType.String;
                    schema.Properties?.Clear();
                    schema.Required?.Clear();
                    schema.Pattern = ReportPeriod.Pattern;
                    schema.Description = "A report period: 2026-Q1…Q4, 2026-H1, 2026-Y, or 2026-A1 for an ad hoc report.";
                }

                return Task.CompletedTask;
            });
        });
        return builder;
    }

    public static WebApplication MapUnitGrainsApiDocument(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference("/docs", options => options
            .WithTitle("UnitGrains API")
            .AddPreferredSecuritySchemes([BearerScheme]));
        return app;
    }
}
