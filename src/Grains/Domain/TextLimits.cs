namespace UnitGrains.Domain;

/// <summary>
/// How long each kind of text may be, in characters after trimming and NFC normalization. The
/// validators enforce them and the API's contract states them (<c>[MaxLength]</c> on the drafts),
/// so the two cannot drift apart.
/// </summary>
public static class TextLimits
{
    /// <summary>A unit of measure ("bài", "%").</summary>
    public const int Label = 50;

    /// <summary>A document's number and symbol (116/KH-UBND).</summary>
    public const int Identifier = 64;

    /// <summary>A cited document's reference, a signer's name.</summary>
    public const int Reference = 200;

    /// <summary>An agency's name.</summary>
    public const int Name = 300;

    /// <summary>A plan's or a cited document's title, a funding source, a time frame.</summary>
    public const int Short = 500;

    /// <summary>A task's or a key activity's title, a target's description.</summary>
    public const int Title = 1_000;

    /// <summary>Evidence of completion, a reason for cancelling, a plan file's note of its source.</summary>
    public const int Note = 2_000;

    /// <summary>Objectives, requirements, duties, descriptions, a report's texts.</summary>
    public const int Long = 20_000;
}
