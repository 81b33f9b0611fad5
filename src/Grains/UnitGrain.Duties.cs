using Microsoft.Extensions.Logging;
using UnitGrains.Contracts;
using UnitGrains.Domain;

namespace UnitGrains;

/// <summary>
/// The cascade, carried out: a unit owes what its parent's plan obliges it to (or the national
/// default), the parent delivers those obligations whenever its plan changes, the office the unit
/// reports to reviews its reports, and officials above acknowledge its escalations. The rules are
/// <see cref="Obligations"/>, <see cref="NationalDuty"/> and <see cref="Duty"/>; this carries them out.
/// </summary>
public sealed partial class UnitGrain
{
    /// <summary>How long a parent waits before delivering again obligations a child could not take.</summary>
    private static readonly TimeSpan DeliveryRetry = TimeSpan.FromSeconds(5);

    /// <summary>Obligations to deliver to children, by year and child (null: the child is obliged to nothing).</summary>
    private readonly Dictionary<(int Year, string Child), PlanObligation?> _toDeliver = [];

    /// <summary>What each child last took, so a plan put again sends nothing.</summary>
    private readonly Dictionary<(int Year, string Child), PlanObligation?> _delivered = [];

    private IGrainTimer? _deliveryTimer;

    private Duty DutyOf(int year) => NationalDuty.Of(profile.State.Profile!, year, duties.State.Obliged.GetValueOrDefault(year));

    public Task<Outcome<DutyView>> GetDutyAsync(int year) =>
        Task.FromResult(Refusal<DutyView>(year) ?? DutyViewOf(year));

    private DutyView DutyViewOf(int year)
    {
        var duty = DutyOf(year);
        var campaign = campaigns.State.Years.GetValueOrDefault(year);
        var plan = campaign?.Plan;
        var today = Today;
        return new DutyView(
            Code,
            year,
            today,
            duty,
            duty.OwesPlan ? duty.PlanDeadline(plan) : null,
            plan?.IssuedOn,
            duty.PlanIssuedOnTime(plan),
            duty.ExpectedReports(campaign, today),
            campaign?.Reports ?? [],
            OwnCounts.OpenEscalations(profile.State.Profile!, duty, campaign, today, Escalations, duties.State.Acknowledged));
    }

    public async Task ObligeAsync(int year, PlanObligation? obligation)
    {
        if (profile.State.Profile is null)
        {
            DeactivateOnIdle();
            return;
        }

        var held = duties.State.Obliged.GetValueOrDefault(year);
        if (obligation is null ? held is null : obligation.SameAs(held))
        {
            return;
        }

        await WriteDutiesAsync(state =>
        {
            if (obligation is null)
            {
                state.Obliged.Remove(year);
            }
            else
            {
                state.Obliged[year] = obligation;
            }
        });
        _history.Remove(year);
        await AfterStoredAsync(year);
    }

    public Task<Outcome<Report>> ReviewReportAsync(int year, string period, ReviewDecision decision, string office, ReviewRequest request, IdempotencyKey? key = null)
    {
        if (!ReportPeriod.TryParse(period, out var parsed))
        {
            return Task.FromResult<Outcome<Report>>(DomainError.Invalid("period", "malformed_period", $"'{period}' is not a report period (e.g. '{year}-Q1', '{year}-H1', '{year}-Y')."));
        }

        return ChangeAsync(
            year,
            c => DutyOf(year).Office is var to && to != office
                ? DomainError.Conflict("not_the_office", $"{Code} reports {year} to {to ?? "no office"}, not to {office}: only that office reviews its reports.")
                : c.ReviewReport(parsed, decision, office, request, Today),
            (c, _) => c.Reports.Last(r => r.Period == parsed),
            key);
    }

    public async Task<Outcome<Escalation>> AcknowledgeAsync(int year, string item, string byUnit, string? byUser, AcknowledgeRequest request)
    {
        if (Refusal<Escalation>(year) is { } refusal)
        {
            return refusal;
        }

        var v = new Validator();
        var comment = v.OptionalText("comment", request.Comment, TextLimits.Long);
        if (v.HasErrors)
        {
            return Outcome<Escalation>.Failure(v.Errors);
        }

        var p = profile.State.Profile!;
        var depth = p.Ancestors.ToList().FindIndex(a => a.Code == byUnit);
        if (depth < 0)
        {
            return DomainError.Conflict("not_above", $"{byUnit} is not above {p.Name} ({Code}): only the units its escalations reach may acknowledge them.");
        }

        if (DutyViewOf(year).Escalations.FirstOrDefault(e => e.Item == item) is not { } open)
        {
            return DomainError.NotFound("escalation_not_found", $"{p.Name} ({Code}) has no open escalation '{item}' for {year}.");
        }

        if (!open.HasReached(depth))
        {
            return DomainError.Conflict("not_reached", $"'{open.Title}' of {p.Name} has risen to level {open.Level} ({p.Ancestors[open.ReachedDepth].Name}); it has not reached {p.Ancestors[depth].Name} yet.");
        }

        var acknowledgement = new Acknowledgement(byUnit, byUser, Today, comment);
        var stillOpen = _rollup?.OwnEscalations.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        await WriteDutiesAsync(state =>
        {
            // Acknowledgements of escalations since resolved are dropped with the next one.
            foreach (var gone in state.Acknowledged.Keys.Where(id => id != open.Id && stillOpen?.Contains(id) == false).ToList())
            {
                state.Acknowledged.Remove(gone);
            }

            state.Acknowledged[open.Id] = acknowledgement;
        });
        await AfterStoredAsync(year);
        return open with { Acknowledged = acknowledgement };
    }

    /// <summary>Writes the duties state; a failed write restores it and deactivates, like every write of the unit.</summary>
    private async Task WriteDutiesAsync(Action<UnitDutiesState> change)
    {
        var state = duties.State;
        var (obliged, acknowledged, version) = (new Dictionary<int, PlanObligation>(state.Obliged), new Dictionary<string, Acknowledgement>(state.Acknowledged, StringComparer.Ordinal), state.Version);
        change(state);
        state.Version++;
        try
        {
            await duties.WriteStateAsync();
        }
        catch
        {
            (state.Obliged, state.Acknowledged, state.Version) = (obliged, acknowledged, version);
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>
    /// The plan of <paramref name="year"/> changed (or the unit activated): work out what it obliges
    /// each child in force that year to, and deliver what the child does not hold yet. Delivery
    /// runs on a timer that interleaves, so a slow child never holds up its parent.
    /// </summary>
    private void QueueObligations(int year)
    {
        if (profile.State.Profile is not { Children.Count: > 0 } p)
        {
            return;
        }

        var obliged = campaigns.State.Years.GetValueOrDefault(year)?.Plan is { } plan ? Obligations.Of(plan, p, year) : null;
        foreach (var child in p.Children)
        {
            if (!child.InForceDuring(year))
            {
                continue;
            }

            var key = (year, child.Code);
            var obligation = obliged?.GetValueOrDefault(child.Code);
            if (_delivered.TryGetValue(key, out var sent) && (obligation is null ? sent is null : obligation.SameAs(sent)))
            {
                _toDeliver.Remove(key);
            }
            else
            {
                _toDeliver[key] = obligation;
            }
        }

        if (_toDeliver.Count > 0)
        {
            ArmDelivery(TimeSpan.Zero);
        }
    }

    /// <summary>On activation: deliver again what every plan held obliges (children that hold it already write nothing).</summary>
    private void QueueAllObligations()
    {
        foreach (var (year, campaign) in campaigns.State.Years)
        {
            if (campaign.Plan is not null)
            {
                QueueObligations(year);
            }
        }
    }

    private void ArmDelivery(TimeSpan due)
    {
        if (_deliveryTimer is null)
        {
            _deliveryTimer = this.RegisterGrainTimer(
                static (self, _) => self.DeliverObligationsAsync(),
                this,
                new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { Interleave = true });
        }
        else
        {
            _deliveryTimer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task DeliverObligationsAsync()
    {
        var batch = _toDeliver.ToList();
        var delivered = await Task.WhenAll(batch.Select(async item =>
        {
            try
            {
                await GrainFactory.GetUnit(item.Key.Child).ObligeAsync(item.Key.Year, item.Value);
                return true;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Unit {Code} could not deliver its {Year} obligations to {Child}; trying again shortly", Code, item.Key.Year, item.Key.Child);
                return false;
            }
        }));

        for (var i = 0; i < batch.Count; i++)
        {
            // A newer obligation queued meanwhile stays queued.
            if (delivered[i] && _toDeliver.TryGetValue(batch[i].Key, out var queued) && ReferenceEquals(queued, batch[i].Value))
            {
                _toDeliver.Remove(batch[i].Key);
                _delivered[batch[i].Key] = queued;
            }
        }

        if (_toDeliver.Count > 0 && !Stopping)
        {
            ArmDelivery(delivered.All(d => d) ? TimeSpan.Zero : DeliveryRetry);
        }
    }
}
