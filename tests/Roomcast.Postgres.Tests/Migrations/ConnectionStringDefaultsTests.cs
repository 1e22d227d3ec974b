using Npgsql;
using Roomcast.Hosting;

namespace Roomcast.Postgres.Tests.Migrations;

public sealed class ConnectionStringDefaultsTests
{
    [Fact]
    public void Statements_are_auto_prepared_unless_the_connection_string_says_otherwise()
    {
        var defaulted = new NpgsqlConnectionStringBuilder(PostgresHostingExtensions.WithDefaults("Host=db;Database=roomcast;Username=r"));
        var chosen = new NpgsqlConnectionStringBuilder(PostgresHostingExtensions.WithDefaults("Host=db;Database=roomcast;Max Auto Prepare=0"));

        Assert.Equal(PostgresHostingExtensions.DefaultMaxAutoPrepare, defaulted.MaxAutoPrepare);
        Assert.Equal(("db", "roomcast", "r"), (defaulted.Host, defaulted.Database, defaulted.Username));
        Assert.Equal(0, chosen.MaxAutoPrepare);
    }

    [Fact]
    public void Connections_give_up_opening_after_a_few_seconds_unless_the_connection_string_says_otherwise()
    {
        var defaulted = new NpgsqlConnectionStringBuilder(PostgresHostingExtensions.WithDefaults("Host=db;Database=roomcast"));
        var chosen = new NpgsqlConnectionStringBuilder(PostgresHostingExtensions.WithDefaults("Host=db;Database=roomcast;Timeout=30"));

        Assert.Equal(PostgresHostingExtensions.DefaultConnectTimeoutSeconds, defaulted.Timeout);
        Assert.Equal(30, chosen.Timeout);
    }
}
