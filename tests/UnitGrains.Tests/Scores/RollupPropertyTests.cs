using System.Globalization;
using UnitGrains.Domain;
using static UnitGrains.Tests.Domain.Dates;

namespace UnitGrains.Tests.Scores;

/// <summary>
/// Property tests of the rollup over a whole random tree: own counts change at random units, each
/// change is published upward through a simulated network that loses, duplicates, reorders and
/// re-delivers old summaries, parents fold what arrives and publish onward (sometimes coalescing
/// several changes), grains are sometimes reactivated with fresh state. After a bottom-up
/// reconcile (each parent pulls each child's current summary) every unit's subtree counts must
/// equal the from-scratch sum of the ground truth over its subtree, and its escalation list the
/// 50 oldest of its subtree.
/// </summary>
public class RollupPropertyTests
{
    private const int Seeds = 200;

    private static readonly int[] Years = [2025, 2026];

    /// <summary>Fault rates of the simulated network and of the grains.</summary>
    /// <param name="ClockJitter">How often a publish is stamped with a clock reading behind the last one.</param>
    /// <param name="ReactivationSkew">
    /// How often a grain is reactivated on a silo whose clock is behind: its new versions may be
    /// below what the parent holds, so its pushes are ignored until the parent pulls authoritatively.
    /// </param>
    private sealed record Faults(double Drop, double Duplicate, double Stale, double Coalesce, double Reactivate, double ClockJitter, double ReactivationSkew)
    {
        public static readonly Faults None = new(0, 0, 0, 0, 0, 0, 0);

        public static readonly Faults Harsh = new(Drop: 0.2, Duplicate: 0.2, Stale: 0.08, Coalesce: 0.3, Reactivate: 0.02, ClockJitter: 0.15, ReactivationSkew: 0.5);

        /// <summary>Everything but what only a pull can heal: lost messages and a clock that goes back across reactivations.</summary>
        public static readonly Faults NoLoss = Harsh with { Drop = 0, ReactivationSkew = 0 };
    }

    private sealed class Node(string code, Node? parent)
    {
        public string Code { get; } = code;

        public Node? Parent { get; } = parent;

        public int Depth { get; } = parent is null ? 0 : parent.Depth + 1;

        public List<Node> Children { get; } = [];

        public Rollup Rollup { get; set; } = new(code, Years);

        public override string ToString() => Code;
    }

    /// <summary>One random tree, its ground truth, and the network between its rollups.</summary>
    private sealed class World
    {
        private readonly Random _rng;
        private readonly Faults _faults;
        private readonly List<(Node To, SubtreeSummary Message)> _inFlight = [];
        private readonly List<(Node To, SubtreeSummary Message)> _history = [];
        // A list, not a set: iteration order must not depend on reference hash codes, or seeds would not replay.
        private readonly List<Node> _pending = [];
        private readonly Dictionary<Node, IndicatorCounts[]> _own = [];
        private readonly Dictionary<Node, List<Escalation>> _ownEscalations = [];
        private long _clock = 1_000;

        public World(int seed, Faults faults)
        {
            _rng = new Random(seed);
            _faults = faults;
            Root = new Node("VN", null);
            Nodes = [Root];
            Grow(Root, height: _rng.Next(2, 5));
            foreach (var node in Nodes)
            {
                _own[node] = new IndicatorCounts[Years.Length];
                _ownEscalations[node] = [];
            }
        }

        public Node Root { get; }

        public List<Node> Nodes { get; }

        public int Published { get; private set; }

        public int Dropped { get; private set; }

        /// <summary>Random own-count changes, deliveries, stale re-deliveries, flushes and reactivations; then the network drains (still faulty).</summary>
        public void Run()
        {
            var steps = _rng.Next(40, 200);
            for (var step = 0; step < steps; step++)
            {
                var roll = _rng.NextDouble();
                if (roll < 0.35)
                {
                    ChangeOwn(Nodes[_rng.Next(Nodes.Count)]);
                }
                else if (roll < 0.80)
                {
                    DeliverOne();
                }
                else if (roll < 0.80 + _faults.Stale)
                {
                    RedeliverStale();
                }
                else if (roll < 0.97 - _faults.Reactivate)
                {
                    FlushOne();
                }
                else if (roll < 0.97)
                {
                    Reactivate(Nodes[_rng.Next(Nodes.Count)]);
                }
                else
                {
                    // Several changes in a row before anything moves: coalescing material.
                    for (var i = 0; i < 5; i++)
                    {
                        ChangeOwn(Nodes[_rng.Next(Nodes.Count)]);
                    }
                }
            }

            while (_inFlight.Count > 0 || _pending.Count > 0)
            {
                if (_inFlight.Count > 0 && (_pending.Count == 0 || _rng.Next(4) > 0))
                {
                    DeliverOne();
                }
                else if (_rng.NextDouble() < _faults.Stale)
                {
                    RedeliverStale();
                }
                else
                {
                    FlushOne();
                }
            }
        }

        /// <summary>Bottom-up: each parent pulls the current summary of each of its children, deepest first.</summary>
        public void Reconcile()
        {
            foreach (var node in Nodes.OrderByDescending(n => n.Depth))
            {
                foreach (var child in node.Children)
                {
                    node.Rollup.ApplyChild(Pull(child), authoritative: true);
                }
            }
        }

        /// <summary>Every way a unit's rollup disagrees with the ground truth, described.</summary>
        public List<string> Mismatches(bool checkPublished)
        {
            var problems = new List<string>();
            foreach (var node in Nodes)
            {
                var rollup = node.Rollup;
                var (recomputed, recomputedEscalations) = rollup.Recompute();
                var expectedEscalations = TruthEscalations(node);
                for (var i = 0; i < Years.Length; i++)
                {
                    var truth = TruthCounts(node, i);
                    if (rollup.Subtree(Years[i]) != truth)
                    {
                        problems.Add($"{node} {Years[i]}: subtree {rollup.Subtree(Years[i])} ≠ truth {truth}");
                    }

                    if (recomputed[i] != rollup.Subtree(Years[i]))
                    {
                        problems.Add($"{node} {Years[i]}: recomputed {recomputed[i]} ≠ incremental {rollup.Subtree(Years[i])}");
                    }

                    if (rollup.Own(Years[i]) != _own[node][i])
                    {
                        problems.Add($"{node} {Years[i]}: own {rollup.Own(Years[i])} ≠ truth {_own[node][i]}");
                    }
                }

                if (!recomputedEscalations.SequenceEqual(expectedEscalations))
                {
                    problems.Add($"{node}: recomputed escalations [{Ids(recomputedEscalations)}] ≠ truth [{Ids(expectedEscalations)}]");
                }

                if (checkPublished)
                {
                    var current = rollup.Current(NextClock());
                    if (!current.OldestEscalations.SequenceEqual(expectedEscalations))
                    {
                        problems.Add($"{node}: published escalations [{Ids(current.OldestEscalations)}] ≠ truth [{Ids(expectedEscalations)}]");
                    }

                    for (var i = 0; i < Years.Length; i++)
                    {
                        if (current.For(Years[i]) != TruthCounts(node, i))
                        {
                            problems.Add($"{node} {Years[i]}: published {current.For(Years[i])} ≠ truth {TruthCounts(node, i)}");
                        }
                    }
                }
            }

            return problems;
        }

        /// <summary>From scratch, from the ground truth alone: the sum of own counts over the subtree.</summary>
        private IndicatorCounts TruthCounts(Node node, int yearIndex) =>
            node.Children.Aggregate(_own[node][yearIndex], (sum, child) => sum + TruthCounts(child, yearIndex));

        private List<Escalation> TruthEscalations(Node node)
        {
            var all = new List<Escalation>();
            Collect(node);
            all.Sort(Escalation.OldestFirst);
            return all.Count > Rollup.EscalationListSize ? all.GetRange(0, Rollup.EscalationListSize) : all;

            void Collect(Node n)
            {
                all.AddRange(_ownEscalations[n]);
                n.Children.ForEach(Collect);
            }
        }

        private static string Ids(IEnumerable<Escalation> escalations) => string.Join(", ", escalations.Select(e => e.Id));

        private void Grow(Node node, int height)
        {
            if (height == 0 || (node.Depth > 0 && _rng.Next(6) == 0))
            {
                return;
            }

            var fanOut = _rng.Next(1, 4);
            for (var i = 1; i <= fanOut; i++)
            {
                var child = new Node($"{node.Code}.{i}", node);
                node.Children.Add(child);
                Nodes.Add(child);
                Grow(child, height - 1);
            }
        }

        private long NextClock()
        {
            _clock += _rng.Next(1, 5);
            return _rng.NextDouble() < _faults.ClockJitter ? _clock - _rng.Next(0, 200) : _clock;
        }

        private void ChangeOwn(Node node)
        {
            var counts = (IndicatorCounts[])_own[node].Clone();
            var escalations = _ownEscalations[node];
            switch (_rng.Next(4))
            {
                case 0:
                    counts[_rng.Next(Years.Length)] = RandomCounts(_rng);
                    break;
                case 1:
                    escalations = RandomEscalations(node.Code);
                    break;
                case 2:
                    counts[_rng.Next(Years.Length)] = RandomCounts(_rng);
                    escalations = RandomEscalations(node.Code);
                    break;
                default:
                    // Often the recomputed own state is what it was: nothing to publish.
                    break;
            }

            for (var i = 0; i < Years.Length; i++)
            {
                counts[i] = counts[i] with { OpenEscalations = escalations.Count(e => e.Year == Years[i]) };
            }

            _own[node] = counts;
            _ownEscalations[node] = escalations;
            var changed = node.Rollup.SetOwn([.. counts], [.. escalations]);
            if (changed)
            {
                MaybePublish(node);
            }
        }

        private List<Escalation> RandomEscalations(string code)
        {
            var count = _rng.Next(4) == 0 ? 0 : _rng.Next(1, 14);
            var items = Enumerable.Range(1, 40).OrderBy(_ => _rng.Next()).Take(count);
            var list = items
                .Select(i => new Escalation(
                    code,
                    Years[_rng.Next(Years.Length)],
                    _rng.Next(2) == 0 ? $"task:T{i}" : $"report:R{i}",
                    $"Mục {i}",
                    D(2025, 1, 1).AddDays(_rng.Next(0, 120)),
                    _rng.Next(1, 4)))
                .ToList();

            // As the grain does: its own list is handed over oldest first.
            list.Sort(Escalation.OldestFirst);
            return list;
        }

        private void MaybePublish(Node node)
        {
            if (_rng.NextDouble() < _faults.Coalesce)
            {
                if (!_pending.Contains(node))
                {
                    _pending.Add(node);
                }
            }
            else
            {
                Publish(node);
            }
        }

        private void Publish(Node node)
        {
            _pending.Remove(node);
            var summary = node.Rollup.Publish(NextClock());
            Published++;
            if (node.Parent is { } parent)
            {
                _inFlight.Add((parent, summary));
                _history.Add((parent, summary));
            }
        }

        private void FlushOne()
        {
            if (_pending.Count > 0)
            {
                Publish(_pending[_rng.Next(_pending.Count)]);
            }
        }

        private void DeliverOne()
        {
            if (_inFlight.Count == 0)
            {
                return;
            }

            // Any message in flight may arrive next: reordering.
            var index = _rng.Next(_inFlight.Count);
            var (to, message) = _inFlight[index];
            _inFlight.RemoveAt(index);
            if (_rng.NextDouble() < _faults.Drop)
            {
                Dropped++;
                return;
            }

            if (_rng.NextDouble() < _faults.Duplicate)
            {
                _inFlight.Add((to, message));
            }

            Receive(to, message);
        }

        private void RedeliverStale()
        {
            if (_history.Count > 0)
            {
                var (to, message) = _history[_rng.Next(_history.Count)];
                Receive(to, message);
            }
        }

        private void Receive(Node to, SubtreeSummary message)
        {
            if (to.Rollup.ApplyChild(message))
            {
                MaybePublish(to);
            }
        }

        /// <summary>A child's answer to its parent's pull: its current summary; a publish it owes stays owed.</summary>
        private SubtreeSummary Pull(Node child) => child.Rollup.Current(NextClock());

        /// <summary>
        /// The grain is deactivated and activated again: a fresh rollup from its stored own state,
        /// pulling every child, then publishing with the (monotonic) wall clock.
        /// </summary>
        private void Reactivate(Node node)
        {
            _pending.Remove(node);
            node.Rollup = new Rollup(node.Code, Years);
            node.Rollup.SetOwn([.. _own[node]], [.. _ownEscalations[node]]);
            foreach (var child in node.Children)
            {
                node.Rollup.ApplyChild(Pull(child), authoritative: true);
            }

            _clock += 1;
            var summary = node.Rollup.Publish(_rng.NextDouble() < _faults.ReactivationSkew ? _clock - _rng.Next(1, 1_000) : _clock);
            Published++;
            if (node.Parent is { } parent)
            {
                _inFlight.Add((parent, summary));
                _history.Add((parent, summary));
            }
        }
    }

    /// <summary>Counts as <see cref="IndicatorCounts.Own"/> produces them: achievements summed from real task outputs (thirds, sevenths…).</summary>
    private static IndicatorCounts RandomCounts(Random rng)
    {
        if (rng.Next(8) == 0)
        {
            return IndicatorCounts.Zero;
        }

        var targets = rng.Next(0, 8);
        var achievement = 0m;
        for (var t = 0; t < targets; t++)
        {
            decimal? actual = rng.Next(5) switch
            {
                0 => null,
                1 => rng.Next(0, 600) / 10m,
                _ => rng.Next(0, 60),
            };
            achievement += new TaskOutput("m", rng.Next(1, 50), Actual: actual).Achievement;
        }

        int tasksDue = rng.Next(0, 30), reportsDue = rng.Next(0, 8), planExpected = rng.Next(2);
        int tasksDone = rng.Next(0, tasksDue + 1), submitted = rng.Next(0, reportsDue + 1), issued = rng.Next(0, planExpected + 1);
        return new IndicatorCounts(
            planExpected, issued, rng.Next(0, issued + 1),
            tasksDue, tasksDone, rng.Next(0, tasksDone + 1),
            reportsDue, submitted, rng.Next(0, submitted + 1),
            targets, achievement, 0);
    }

    private static string Report(int seed, List<string> problems) =>
        $"seed {seed.ToString(CultureInfo.InvariantCulture)}: {problems.Count} mismatches, e.g.\n" + string.Join("\n", problems.Take(5));

    [Fact]
    public void After_reconcile_every_subtree_equals_the_sum_of_its_ground_truth_despite_faults()
    {
        var failures = new List<string>();
        for (var seed = 0; seed < Seeds; seed++)
        {
            var world = new World(seed, Faults.Harsh);
            world.Run();
            world.Reconcile();

            var problems = world.Mismatches(checkPublished: true);
            if (problems.Count > 0)
            {
                failures.Add(Report(seed, problems));
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Seeds} seeds fail:\n" + string.Join("\n", failures.Take(3)));
    }

    [Fact]
    public void Without_losses_the_tree_converges_without_reconcile_despite_duplicates_reorders_and_stale_deliveries()
    {
        var failures = new List<string>();
        for (var seed = 0; seed < Seeds; seed++)
        {
            var world = new World(seed, Faults.NoLoss);
            world.Run();

            var problems = world.Mismatches(checkPublished: true);
            if (problems.Count > 0)
            {
                failures.Add(Report(seed, problems));
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Seeds} seeds fail:\n" + string.Join("\n", failures.Take(3)));
    }

    [Fact]
    public void A_perfect_network_converges_without_reconcile()
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var world = new World(seed, Faults.None);
            world.Run();

            var problems = world.Mismatches(checkPublished: true);
            Assert.True(problems.Count == 0, Report(seed, problems));
        }
    }

    /// <summary>The check above can fail: with losses and no reconcile, stale subtrees are caught.</summary>
    [Fact]
    public void With_losses_and_no_reconcile_the_invariant_check_detects_stale_subtrees()
    {
        var stale = 0;
        var dropped = 0;
        for (var seed = 0; seed < Seeds; seed++)
        {
            var world = new World(seed, Faults.Harsh);
            world.Run();
            dropped += world.Dropped;

            if (world.Mismatches(checkPublished: false).Count > 0)
            {
                stale++;
                world.Reconcile();
                var problems = world.Mismatches(checkPublished: true);
                Assert.True(problems.Count == 0, "reconcile did not heal " + Report(seed, problems));
            }
        }

        Assert.True(dropped > 0, "the network dropped nothing");
        Assert.True(stale >= Seeds / 10, $"only {stale} of {Seeds} seeds were left stale by {dropped} lost messages");
    }

    [Fact]
    public void The_simulated_trees_are_deep_and_wide_enough_to_matter()
    {
        var sizes = Enumerable.Range(0, Seeds).Select(seed => new World(seed, Faults.Harsh)).ToList();

        Assert.Contains(sizes, w => w.Nodes.Max(n => n.Depth) == 4);
        Assert.Contains(sizes, w => w.Nodes.Max(n => n.Depth) == 2);
        Assert.All(sizes, w => Assert.InRange(w.Nodes.Max(n => n.Depth), 1, 4));
        Assert.Contains(sizes, w => w.Nodes.Count > 30);
    }

    [Fact]
    public void Some_subtrees_hold_more_escalations_than_a_summary_carries()
    {
        var overflowing = 0;
        for (var seed = 0; seed < 40; seed++)
        {
            var world = new World(seed, Faults.Harsh);
            world.Run();
            world.Reconcile();
            var root = world.Root.Rollup;
            var total = world.Nodes.Sum(n => n.Rollup.OwnEscalations.Count);
            if (total > Rollup.EscalationListSize)
            {
                overflowing++;
                Assert.Equal(Rollup.EscalationListSize, root.Current(long.MaxValue / 2).OldestEscalations.Count);
            }
        }

        Assert.True(overflowing > 5, $"only {overflowing} trees had more than {Rollup.EscalationListSize} escalations");
    }
}
