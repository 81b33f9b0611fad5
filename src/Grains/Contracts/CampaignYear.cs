using UnitGrains.Domain;

namespace UnitGrains.Contracts;

/// <summary>Campaign years the system accepts: the reform programmes run 2001–2030; leave room either side.</summary>
public static class CampaignYear
{
    public const int Min = 2000;
    public const int Max = 2100;

    public static DomainError? Check(int year) => year is < Min or > Max
        ? DomainError.Invalid("year", "year_out_of_range", $"{year} is not a campaign year: use {Min}–{Max}.")
        : null;
}
