namespace UnitGrains.Gateway.Reports;

/// <summary>
/// The body of a report as blocks any writer can render — the HTML page and the Word document say
/// the same thing, so what they say is worked out once (<see cref="ConsolidatedDocument"/>) and each
/// writer only lays it out.
/// </summary>
internal abstract record ReportBlock;

/// <summary>A numbered section (I. KẾT QUẢ THỰC HIỆN).</summary>
internal sealed record SectionHeading(string Text) : ReportBlock;

/// <summary>A numbered part of a section (1. Kết quả theo hình thức tuyên truyền).</summary>
internal sealed record SubHeading(string Text) : ReportBlock;

/// <summary>A paragraph of running text.</summary>
internal sealed record BodyText(string Text) : ReportBlock;

/// <summary>A table: its columns, then rows of text as the official reads them.</summary>
internal sealed record ReportTable(IReadOnlyList<ReportColumn> Columns, IReadOnlyList<IReadOnlyList<string>> Rows) : ReportBlock;

/// <summary>A column; a numeric one is right-aligned.</summary>
internal sealed record ReportColumn(string Header, bool Numeric = false);
