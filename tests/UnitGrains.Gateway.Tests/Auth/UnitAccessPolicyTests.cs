using UnitGrains.Gateway.Auth;

namespace UnitGrains.Gateway.Tests.Auth;

/// <summary>
/// The access rule on its own, over a small 3-level tree: role × relation of the target to the
/// caller's unit × read/write. District 001 of province 01 is the caller's unit; 01-SNV is a
/// department (consolidating office) of 01.
/// </summary>
public sealed class UnitAccessPolicyTests
{
    private static readonly Dictionary<string, string[]> Ancestors = new()
    {
        ["VN"] = [],
        ["01"] = ["VN"],
        ["001"] = ["VN", "01"],
        ["002"] = ["VN", "01"],
        ["00004"] = ["VN", "01", "001"],
        ["00010"] = ["VN", "01", "002"],
        ["01-SNV"] = ["VN", "01"],
        ["01-STP"] = ["VN", "01"],
        ["79"] = ["VN"],
        ["26734"] = ["VN", "79"],
    };

    // relation → target, seen from district 001.
    private static readonly Dictionary<string, string> FromDistrict = new()
    {
        ["self"] = "001",
        ["child"] = "00004",
        ["parent"] = "01",
        ["sibling"] = "002",
        ["sibling's child"] = "00010",
        ["unrelated province"] = "79",
        ["unrelated commune"] = "26734",
        ["nation"] = "VN",
    };

    public static TheoryData<string, string, string, bool, bool> Matrix()
    {
        // role, unit, relation, may read, may write
        var data = new TheoryData<string, string, string, bool, bool>();
        void Row(string role, string relation, bool read, bool write) => data.Add(role, "001", relation, read, write);
        Row("officer", "self", true, true);
        Row("officer", "child", true, false);
        Row("officer", "parent", false, false);
        Row("officer", "sibling", false, false);
        Row("officer", "sibling's child", false, false);
        Row("officer", "unrelated province", false, false);
        Row("officer", "unrelated commune", false, false);
        Row("officer", "nation", false, false);
        Row("consolidator", "self", true, true);
        Row("consolidator", "child", true, false);
        // Only an office consolidates: the role on a district widens nothing beyond its own subtree.
        Row("consolidator", "parent", false, false);
        Row("consolidator", "sibling", false, false);
        Row("consolidator", "sibling's child", false, false);
        Row("consolidator", "unrelated province", false, false);
        Row("consolidator", "unrelated commune", false, false);
        Row("consolidator", "nation", false, false);
        Row("viewer", "self", true, false);
        Row("viewer", "child", true, false);
        Row("viewer", "parent", false, false);
        Row("viewer", "sibling", false, false);
        Row("viewer", "sibling's child", false, false);
        Row("viewer", "unrelated province", false, false);
        Row("viewer", "unrelated commune", false, false);
        Row("viewer", "nation", false, false);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Role_and_relation_decide_read_and_write(string role, string unit, string relation, bool mayRead, bool mayWrite)
    {
        Assert.True(UnitTokens.TryParseRole(role, out var parsed));
        var caller = new UnitCaller(unit, parsed);
        var target = FromDistrict[relation];

        Assert.Equal(mayRead, Decide(caller, UnitAccess.Read, target));
        Assert.Equal(mayWrite, Decide(caller, UnitAccess.Write, target));
    }

    [Theory]
    [InlineData("VN")]
    [InlineData("01")]
    [InlineData("00004")]
    [InlineData("26734")]
    [InlineData("01-SNV")]
    public void A_national_viewer_reads_everything_and_writes_nothing(string target)
    {
        var caller = new UnitCaller("VN", UnitRole.Viewer);
        Assert.True(Decide(caller, UnitAccess.Read, target));
        Assert.False(Decide(caller, UnitAccess.Write, target));
    }

    [Theory]
    [InlineData("01", true, false)]
    [InlineData("01-SNV", true, true)]
    [InlineData("01-STP", true, false)]
    [InlineData("00004", true, false)]
    [InlineData("79", false, false)]
    [InlineData("26734", false, false)]
    [InlineData("VN", false, false)]
    public void A_department_of_a_province_reads_the_province_and_writes_only_itself(string target, bool mayRead, bool mayWrite)
    {
        var caller = new UnitCaller("01-SNV", UnitRole.Consolidator);
        Assert.Equal(mayRead, Decide(caller, UnitAccess.Read, target));
        Assert.Equal(mayWrite, Decide(caller, UnitAccess.Write, target));
    }

    [Fact]
    public void An_unknown_target_is_readable_only_by_whoever_reads_everything_or_its_own_officer()
    {
        Assert.True(UnitAccessPolicy.Allows(new UnitCaller("VN", UnitRole.Viewer), null, UnitAccess.Read, "99999", null));
        Assert.True(UnitAccessPolicy.Allows(new UnitCaller("99999", UnitRole.Officer), null, UnitAccess.Read, "99999", null));
        Assert.True(UnitAccessPolicy.Allows(new UnitCaller("99999", UnitRole.Officer), null, UnitAccess.Write, "99999", null));
        Assert.False(UnitAccessPolicy.Allows(new UnitCaller("01", UnitRole.Officer), null, UnitAccess.Read, "99999", null));
    }

    [Fact]
    public void A_consolidator_whose_office_is_unknown_reads_only_its_own_subtree()
    {
        var caller = new UnitCaller("01-SNV", UnitRole.Consolidator);
        Assert.True(UnitAccessPolicy.Allows(caller, null, UnitAccess.Read, "01-SNV", Ancestors["01-SNV"]));
        Assert.False(UnitAccessPolicy.Allows(caller, null, UnitAccess.Read, "01", Ancestors["01"]));
    }

    [Fact]
    public void Ancestors_are_looked_up_only_for_reads_outside_self_by_callers_below_the_nation()
    {
        Assert.False(UnitAccessPolicy.NeedsAncestors(new UnitCaller("VN", UnitRole.Viewer), null, UnitAccess.Read, "00004"));
        Assert.False(UnitAccessPolicy.NeedsAncestors(new UnitCaller("001", UnitRole.Officer), null, UnitAccess.Write, "00004"));
        Assert.False(UnitAccessPolicy.NeedsAncestors(new UnitCaller("001", UnitRole.Officer), null, UnitAccess.Read, "001"));
        Assert.True(UnitAccessPolicy.NeedsAncestors(new UnitCaller("001", UnitRole.Officer), null, UnitAccess.Read, "00004"));
    }

    [Theory]
    [InlineData("officer", true)]
    [InlineData("consolidator", true)]
    [InlineData("viewer", true)]
    [InlineData("Officer", false)]
    [InlineData("admin", false)]
    [InlineData("0", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Roles_are_the_three_lower_case_names(string? text, bool known) =>
        Assert.Equal(known, UnitTokens.TryParseRole(text, out _));

    private static bool Decide(UnitCaller caller, UnitAccess access, string target)
    {
        var callerParent = Ancestors[caller.Unit] is [.., var parent] ? parent : null;
        return UnitAccessPolicy.Allows(caller, callerParent, access, target, Ancestors[target]);
    }
}
