namespace Roomcast.Postgres.Tests.Infrastructure;

/// <summary>Marks a concrete contract test class whose inherited <see cref="ContractFactAttribute"/> facts need PostgreSQL.</summary>
public interface IPostgresTestClass;
