using UnitGrains.Domain;
using static UnitGrains.Tests.Domain.Dates;

namespace UnitGrains.Tests.Domain;

/// <summary>
/// A valid 2022 plan drawn from the seeds (quarterly report by the 5th of the quarter's last
/// month, six-month by 15 June, annual by 15 December) and builders around it, so each test
/// changes only what it is about (<c>Samples.PlanDraft() with { Title = null }</c>).
/// </summary>
internal static class Samples
{
    public const int Year = 2022;

    /// <summary>A working day in the middle of the plan period.</summary>
    public static readonly DateOnly Today = D(2022, 5, 10);

    public static readonly Agency Office = new("Văn phòng UBND tỉnh", "70-VP");

    public static readonly Agency HomeAffairs = new("Sở Nội vụ", "70-SNV");

    public static readonly Agency Information = new("Sở Thông tin và Truyền thông", "70-STTTT");

    public static PlanDraft PlanDraft() => new(
        Title: "Kế hoạch thông tin, tuyên truyền cải cách hành chính năm 2022",
        Period: new PlanPeriod(D(2022, 1, 1), D(2022, 12, 31)),
        Identifier: "116/KH-UBND",
        IssuedOn: D(2021, 11, 16),
        Signer: "Nguyễn Văn A",
        IssueDeadline: D(2021, 12, 31),
        LegalBases:
        [
            new LegalBasis(LegalBasisKind.ParentPlan, "42/KH-UBND", "Kế hoạch CCHC của tỉnh", D(2021, 10, 1), new Agency("UBND tỉnh Bình Phước", "70")),
            new LegalBasis(LegalBasisKind.Resolution, "76/NQ-CP", "Chương trình tổng thể CCHC 2021–2030"),
        ],
        Objectives: "Nâng cao nhận thức về cải cách hành chính.",
        Requirements: "Tuyên truyền thường xuyên, đúng trọng tâm.",
        Audiences: [Audience.OfficialsAndCivilServants, Audience.Citizens, Audience.Businesses],
        Topics: [Topic.AdministrativeProcedureReform, Topic.DigitalGovernment],
        Channels: [Channel.Press, Channel.RadioTv, Channel.WebPortal],
        Targets:
        [
            new PlanTarget("dossiers-published", "Hồ sơ được công khai tình trạng xử lý", 100, "%"),
            new PlanTarget("portal-section", "Cổng thông tin có chuyên mục CCHC"),
        ],
        KeyActivities:
        [
            new KeyActivity("video-contest", "Cuộc thi video clip về CCHC", Information, [HomeAffairs], "Ngân sách tỉnh", "Quý III"),
            new KeyActivity("bulletin", "Bản tin CCHC hằng quý", HomeAffairs, [], null, "Hằng quý"),
        ],
        Assignments:
        [
            new Assignment(new Agency("UBND các huyện"), Obligation.Assigned, ["Ban hành kế hoạch của đơn vị", "Báo cáo định kỳ"], D(2022, 2, 15)),
            new Assignment(new Agency("Ủy ban MTTQ tỉnh"), Obligation.Requested, ["Phối hợp tuyên truyền"]),
        ],
        Reporting: new ReportingRegimeDraft(
            [
                new ReportRequirement(ReportFrequency.Quarterly, 5),
                new ReportRequirement(ReportFrequency.SixMonthly, 15),
                new ReportRequirement(ReportFrequency.Annual, 15),
            ],
            HomeAffairs));

    /// <summary>The sample draft with only a reporting regime changed.</summary>
    public static PlanDraft PlanDraftReporting(params ReportRequirement[] requirements) =>
        PlanDraft() with { Reporting = new ReportingRegimeDraft(requirements, HomeAffairs) };

    public static Plan Plan() => Expect.Ok(PlanDraft().Validate(Year, Today));

    public static Plan Plan(PlanDraft draft, int year = Year) => Expect.Ok(draft.Validate(year, Today));

    /// <summary>A 2022 campaign holding the sample plan and no tasks.</summary>
    public static Campaign Campaign() => Expect.Ok(UnitGrains.Domain.Campaign.Empty(Year).SetPlan(PlanDraft(), Today));

    public static Campaign Campaign(PlanDraft draft) => Expect.Ok(UnitGrains.Domain.Campaign.Empty(Year).SetPlan(draft, Today));

    /// <summary>A valid task: 24 press articles by the end of September.</summary>
    public static TaskDraft TaskDraft(string? id = null, DateOnly? due = null) => new(
        Title: "Đăng tin bài về CCHC trên báo tỉnh",
        Lead: Information,
        Id: id,
        DueDate: due ?? D(2022, 9, 30),
        Outputs: [new TaskOutputDraft("articles", 24, "bài", Channel.Press)]);

    /// <summary>A valid task with no outputs, so completing it needs no figures.</summary>
    public static TaskDraft PlainTaskDraft(string? id = null, DateOnly? due = null) => new(
        Title: "Niêm yết thủ tục hành chính tại bộ phận một cửa",
        Lead: Office,
        Id: id,
        DueDate: due ?? D(2022, 6, 30));

    /// <summary>The campaign with the given tasks added.</summary>
    public static Campaign WithTasks(this Campaign campaign, params TaskDraft[] drafts) => Expect.Ok(campaign.AddTasks(drafts));

    /// <summary>A task validated against the sample plan, still Planned.</summary>
    public static CampaignTask Task(string id = "T1", DateOnly? due = null) => Expect.Ok(TaskDraft(id, due).Validate(id, Plan()));

    public static TaskCompletion Articles(decimal actual, DateOnly? on = null, string? evidence = null) =>
        new(new Dictionary<string, decimal> { ["articles"] = actual }, evidence, on);
}
