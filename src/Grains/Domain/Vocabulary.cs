namespace UnitGrains.Domain;

// The closed vocabularies of a plan (domain.md §2). Closed on purpose: scores and reports group
// by them, so a typo must be rejected at the edge rather than become a new channel.

/// <summary>Target audiences (đối tượng).</summary>
public enum Audience
{
    OfficialsAndCivilServants,
    Citizens,
    Businesses,
    Organisations,
    EthnicMinorities,
    VillageEldersAndPrestigiousPeople,
}

/// <summary>Content topics (nội dung).</summary>
public enum Topic
{
    PartyAndStatePolicy,
    InstitutionalReform,
    AdministrativeProcedureReform,
    ApparatusReform,
    CivilServiceReform,
    PublicFinanceReform,
    DigitalGovernment,
    ReformIndices,
    ModelExamples,
    CitizenParticipation,
}

/// <summary>Channels and forms (hình thức).</summary>
public enum Channel
{
    Press,
    RadioTv,
    WebPortal,
    Loudspeakers,
    Leaflets,
    PostersAndBanners,
    Bulletins,
    TrainingsAndConferences,
    Contests,
    Dialogues,
    SocialNetworks,
    SmsAndHotline,
    OneStopDeskPosting,
}

/// <summary>
/// Assigned items count against the unit's score; requested ones (đề nghị — to the Fatherland
/// Front, the Party's Propaganda Board, the People's Council, the press) are tracked only.
/// </summary>
public enum Obligation
{
    Assigned,
    Requested,
}

/// <summary>What kind of document a legal basis is; the parent plan is what makes the cascade.</summary>
public enum LegalBasisKind
{
    ParentPlan,
    Law,
    Resolution,
    Decision,
    Directive,
    Plan,
    Other,
}

/// <summary>How the vocabularies are named where clients write them.</summary>
public static class Vocabulary
{
    /// <summary>
    /// A value as clients write it — its name with the leading capitals lowered (RadioTv → radioTv,
    /// SMSHotline → smsHotline) — so an error in a map keyed by it names the key the client wrote.
    /// </summary>
    public static string ClientName<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        var upper = 0;
        while (upper < name.Length && char.IsUpper(name[upper]))
        {
            upper++;
        }

        // A run of capitals keeps its last one when a lower-case letter follows it (SMSHotline → smsHotline).
        var lowered = upper > 1 && upper < name.Length ? upper - 1 : upper;
        return name[..lowered].ToLowerInvariant() + name[lowered..];
    }
}
