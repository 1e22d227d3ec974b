using Xunit.Sdk;

// The namespace of the contract this attribute marks (WebhookOutboxContract.cs, compiled in from Roomcast.Grains.Tests).
namespace Roomcast.Grains.Tests.Webhooks;

/// <summary>
/// A fact of <see cref="WebhookOutboxContract"/> in this project: discovered like
/// <see cref="Roomcast.Postgres.Tests.Infrastructure.ContractFactAttribute"/>, so skipped without PostgreSQL.
/// </summary>
[XunitTestCaseDiscoverer("Roomcast.Postgres.Tests.Infrastructure.ContractFactDiscoverer", "Roomcast.Postgres.Tests")]
public sealed class WebhookOutboxFactAttribute : FactAttribute;
