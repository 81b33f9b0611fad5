using System.Globalization;
using Microsoft.Extensions.Options;

namespace UnitGrains.Gateway.Auth;

/// <summary>
/// <c>dotnet run --project src/Gateway -- token --unit 42 --role officer [--days 30]</c>: prints a
/// token signed with the key the gateway uses (configured, or in Development the per-user
/// development key). Refused in Production, where tokens come from the identity provider.
/// </summary>
public static class TokenCommand
{
    public const string Name = "token";

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == Name;

    public static int Run(string[] args, TimeProvider time)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        if (builder.Environment.IsProduction())
        {
            Console.Error.WriteLine("The token command is disabled in Production: tokens there are issued by the identity provider, not minted from the signing key.");
            return 1;
        }

        if (!TryParse(args[1..], out var caller, out var days, out var error))
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine("usage: token --unit <code> --role officer|consolidator|viewer [--days 1-365]");
            return 2;
        }

        builder.AddUnitGrainsAuth();
        using var services = builder.Services.BuildServiceProvider();
        string token;
        try
        {
            var key = services.GetRequiredService<TokenKey>();
            token = UnitTokens.Mint(key.Key, services.GetRequiredService<IOptions<AuthOptions>>().Value, caller, time.GetUtcNow(), TimeSpan.FromDays(days));
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }

        Console.WriteLine(token);
        return 0;
    }

    internal static bool TryParse(string[] args, out UnitCaller caller, out int days, out string error)
    {
        (caller, days, error) = (new UnitCaller(string.Empty, UnitRole.Viewer), 30, string.Empty);
        string? unit = null, role = null, daysText = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--unit": unit = value; i++; break;
                case "--role": role = value; i++; break;
                case "--days": daysText = value; i++; break;
                default: error = $"Unknown argument '{args[i]}'."; return false;
            }
        }

        if (!Domain.UnitCode.IsWellFormed(unit))
        {
            error = $"--unit '{unit}' is not a unit code (VN, 42, 001, 00004, 70-SNV).";
            return false;
        }

        if (!UnitTokens.TryParseRole(role, out var parsedRole))
        {
            error = $"--role '{role}' is not one of officer, consolidator, viewer.";
            return false;
        }

        if (daysText is not null && (!int.TryParse(daysText, NumberStyles.None, CultureInfo.InvariantCulture, out days) || days is < 1 or > 365))
        {
            error = $"--days '{daysText}' must be a whole number of days from 1 to 365.";
            return false;
        }

        caller = new UnitCaller(unit!, parsedRole);
        return true;
    }
}
