// One gateway host at a time. Hosts in one process share OpenTelemetry's meter listeners, so a
// second gateway's instruments (same names, its own IMeterFactory) would shadow the first's in
// its /metrics scrape; collections also start silos and processes that two cores run better in turn.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
