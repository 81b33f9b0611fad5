using UnitGrains.Domain;

namespace UnitGrains.Tests.Scores;

/// <summary>Which children a parent still owes a pull, and when it asks again.</summary>
public class PullLedgerTests
{
    [Fact]
    public void Children_that_all_answer_owe_nothing_and_arm_no_retry()
    {
        var ledger = new PullLedger();

        Assert.Null(ledger.Record(["01", "02"], []));
        Assert.Empty(ledger.Unpulled);
        Assert.False(ledger.RetryArmed);
    }

    [Fact]
    public void A_child_that_cannot_answer_does_not_hold_up_the_others_and_is_asked_again_shortly()
    {
        var ledger = new PullLedger();

        var retry = ledger.Record(["01"], ["02"]);

        Assert.Equal(PullLedger.RetryAfter, retry);
        Assert.Equal(["02"], ledger.Unpulled);
        Assert.Equal(["02"], ledger.OnRetryDue(stopping: false));
        Assert.False(ledger.RetryArmed);
    }

    [Fact]
    public void One_retry_is_armed_at_a_time_and_gathers_every_child_owed()
    {
        var ledger = new PullLedger();
        ledger.Record([], ["02"]);

        Assert.Null(ledger.Record([], ["03"]));
        Assert.Equal(["02", "03"], ledger.OnRetryDue(stopping: false).Order());
    }

    [Fact]
    public void A_child_that_answers_on_retry_is_no_longer_owed()
    {
        var ledger = new PullLedger();
        ledger.Record([], ["02", "03"]);
        ledger.OnRetryDue(stopping: false);

        var again = ledger.Record(["02"], ["03"]);

        Assert.Equal(PullLedger.RetryAfter, again);
        Assert.Equal(["03"], ledger.Unpulled);
    }

    [Fact]
    public void A_child_deactivated_mid_pull_answers_at_a_later_pull_and_the_debt_is_settled_by_any_pull()
    {
        // The reconcile pulls everyone: a child owed since the last retry answers there.
        var ledger = new PullLedger();
        ledger.Record([], ["02"]);

        Assert.Null(ledger.Record(["01", "02"], []));
        Assert.Empty(ledger.Unpulled);
    }

    [Fact]
    public void A_stopping_silo_pulls_nothing_more()
    {
        var ledger = new PullLedger();
        ledger.Record([], ["02"]);

        Assert.Empty(ledger.OnRetryDue(stopping: true));
        Assert.False(ledger.RetryArmed);
    }
}
