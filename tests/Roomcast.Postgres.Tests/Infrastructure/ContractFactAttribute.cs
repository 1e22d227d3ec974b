using Xunit.Sdk;

namespace Roomcast.Postgres.Tests.Infrastructure;

/// <summary>
/// A fact of an abstract contract suite. It runs for every implementation, and is skipped like
/// <see cref="PostgresFactAttribute"/> only in subclasses marked <see cref="IPostgresTestClass"/>.
/// </summary>
[XunitTestCaseDiscoverer("Roomcast.Postgres.Tests.Infrastructure.ContractFactDiscoverer", "Roomcast.Postgres.Tests")]
public sealed class ContractFactAttribute : FactAttribute;
