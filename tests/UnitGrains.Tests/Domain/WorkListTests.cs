using UnitGrains.Domain;
using static UnitGrains.Tests.Domain.Dates;

namespace UnitGrains.Tests.Domain;

public sealed class WorkListTests
{
    [Fact]
    public void A_units_work_is_the_tasks_it_leads_in_any_plan_given_soonest_due_first_with_what_is_overdue()
    {
        var division = new Agency("Phòng Văn hóa – Xã hội", "26278-PVHXH");
        var commune = Samples.Campaign().WithTasks(
            Samples.TaskDraft("late", D(2022, 3, 31)) with { Lead = division },
            Samples.TaskDraft("other", D(2022, 2, 28)),
            Samples.TaskDraft("soon", D(2022, 6, 30)) with { Lead = division });
        var province = Samples.Campaign().WithTasks(Samples.TaskDraft("prov", D(2022, 5, 31)) with { Lead = division });
        var today = D(2022, 5, 10);

        var work = WorkList.Of("26278-PVHXH", [
            (new UnitRef("26278", "Xã Bình Minh", UnitKind.Commune), RegimeDuty.ViewOf("26278", commune, today)),
            (new UnitRef("75", "Tỉnh Đồng Nai", UnitKind.Province), RegimeDuty.ViewOf("75", province, today))]);

        Assert.Equal([("26278", "late", true), ("75", "prov", false), ("26278", "soon", false)], work.Select(w => (w.Owner.Code, w.Task.Id, w.Overdue)));
        Assert.Empty(WorkList.Of("26278-VP", [(new UnitRef("26278", "Xã Bình Minh", UnitKind.Commune), RegimeDuty.ViewOf("26278", commune, today))]));
    }
}
