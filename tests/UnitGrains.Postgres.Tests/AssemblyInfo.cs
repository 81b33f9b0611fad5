// These tests start PostgreSQL servers and clusters of real processes; on two cores they run one
// at a time so a slow machine does not turn into timeouts.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
