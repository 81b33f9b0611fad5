namespace UnitGrains.Contracts;

/// <summary>
/// Storage provider and state names in one place. The ADO.NET provider keys rows by grain id and
/// state name, not grain type (dotnet/orleans#8746), so every state name here is unique across
/// grain types.
/// </summary>
public static class StorageNames
{
    public const string Units = "units";

    public const string UnitProfileState = "unit-profile";

    public const string UnitCampaignsState = "unit-campaigns";

    public const string UnitDutiesState = "unit-duties";

    public const string HierarchyState = "hierarchy-info";

    public const string CodeDirectoryState = "code-directory";
}
