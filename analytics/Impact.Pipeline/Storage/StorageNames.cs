namespace Impact.Pipeline.Storage;

/// <summary>
/// The names of every container, table and queue the pipeline uses, said once
/// (docs: ARCHITECTURE.md, "Storage layout"). Both adapters and the infrastructure use these.
/// </summary>
public static class StorageNames
{
    /// <summary>Blob containers (lowercase, as Azure demands).</summary>
    public static class Containers
    {
        /// <summary>Quarterly returns as uploaded by workshops: <c>{workshopId}/{yyyy}-Qn.csv|xlsx|json</c>.</summary>
        public const string Returns = "returns";

        /// <summary>Validation reports a workshop can read.</summary>
        public const string Reports = "reports";

        /// <summary>Reference data: workshops.csv, outcomes.csv.</summary>
        public const string Registry = "registry";

        /// <summary>Impact evaluation inputs and outputs (panel.csv).</summary>
        public const string Evaluation = "evaluation";

        /// <summary>Trained risk models: <c>risk/{version}/model.zip</c> and metrics.json.</summary>
        public const string Models = "models";

        /// <summary>
        /// Machine-readable results of each run: <c>indicators/indicators.csv</c>, <c>indicators/aggregates.csv</c>,
        /// <c>completeness/…</c>, <c>run/summary.json</c> (on a folder: the output folder itself).
        /// </summary>
        public const string Results = "results";

        /// <summary>
        /// The static website, anonymous on the internet: the public dashboard only (the scheme as a whole, under
        /// statistical secrecy, and the workshops' public facts).
        /// </summary>
        public const string Web = "$web";

        /// <summary>Every container, in the order above.</summary>
        public static IReadOnlyList<string> All { get; } = [Returns, Reports, Registry, Evaluation, Models, Results, Web];

        /// <summary>
        /// Azure only: where Event Grid writes the BlobCreated events it could not deliver to IngestReturn (JSON arrays of
        /// events, <c>{topic}/{subscription}/{yyyy}/{mm}/{dd}/{hh}/{id}.json</c>); <c>impact replay</c> ingests the blobs they name
        /// and marks each file under <c>replayed/</c>.
        /// </summary>
        public const string DeadLetters = "eventgrid-deadletter";
    }

    /// <summary>Blobs with fixed names.</summary>
    public static class Blobs
    {
        /// <summary>The registry of workshops, in <see cref="Containers.Registry"/>.</summary>
        public const string Workshops = "workshops.csv";

        /// <summary>Observed outcomes the risk model learns from, in <see cref="Containers.Registry"/>.</summary>
        public const string Outcomes = "outcomes.csv";

        /// <summary>
        /// The mark of a simulated cohort, in <see cref="Containers.Registry"/> (written by <c>impact simulate</c>): when it
        /// is there, every page of the dashboard says « Données simulées », so that made-up figures never pass for
        /// official ones.
        /// </summary>
        public const string Simulation = "simulation.json";

        /// <summary>The impact evaluation panel, in <see cref="Containers.Evaluation"/>.</summary>
        public const string Panel = "panel.csv";
    }

    /// <summary>Tables (alphanumeric, starting with a letter).</summary>
    public static class Tables
    {
        /// <summary>Every submission, accepted or rejected, with its outcome.</summary>
        public const string Submissions = "Submissions";

        /// <summary>Accepted returns; every version is kept, the newest is current.</summary>
        public const string Returns = "Returns";

        /// <summary>Indicators computed per workshop and quarter.</summary>
        public const string Indicators = "Indicators";

        /// <summary>Risk scores and their reasons.</summary>
        public const string RiskScores = "RiskScores";

        /// <summary>Alerts raised, recorded once per workshop, quarter and level.</summary>
        public const string Alerts = "Alerts";

        /// <summary>Notices sent to workshops and coaches (reports, reminders, digests), recorded once each with recipient, kind and time.</summary>
        public const string Notices = "Notices";

        /// <summary>What coaches did about alerts: one row per follow-up, never overwritten.</summary>
        public const string FollowUps = "FollowUps";

        /// <summary>Who sent each upload through the API, the form or an upload URL, before ingestion reads it.</summary>
        public const string Uploads = "Uploads";

        /// <summary>Every table, in the order above.</summary>
        public static IReadOnlyList<string> All { get; } = [Submissions, Returns, Indicators, RiskScores, Alerts, Notices, FollowUps, Uploads];
    }

    /// <summary>Queues (lowercase letters, digits and hyphens).</summary>
    public static class Queues
    {
        /// <summary>
        /// E-mails waiting to be dispatched: risk alerts to coaches and notices (<c>Impact.Analytics.FollowUp.Notice</c>)
        /// to workshops and coaches; its poison queue is <c>risk-alerts-poison</c>.
        /// </summary>
        public const string RiskAlerts = "risk-alerts";

        /// <summary>
        /// Where the Functions host moves a <see cref="RiskAlerts"/> message after its last failed attempt (host.json
        /// maxDequeueCount); watched by an Azure Monitor alert, put back by <c>impact replay</c> after the fix.
        /// </summary>
        public const string RiskAlertsPoison = "risk-alerts-poison";

        /// <summary>Every queue.</summary>
        public static IReadOnlyList<string> All { get; } = [RiskAlerts];
    }
}
