using Xunit.Sdk;

// The namespace of the contract this attribute marks (AttendanceLogContract.cs, compiled in from Roomcast.Grains.Tests).
namespace Roomcast.Grains.Tests.Audience;

/// <summary>
/// A fact of <see cref="AttendanceLogContract"/> in this project: discovered like
/// <see cref="Roomcast.Postgres.Tests.Infrastructure.ContractFactAttribute"/>, so skipped without PostgreSQL.
/// </summary>
[XunitTestCaseDiscoverer("Roomcast.Postgres.Tests.Infrastructure.ContractFactDiscoverer", "Roomcast.Postgres.Tests")]
public sealed class AttendanceFactAttribute : FactAttribute;
