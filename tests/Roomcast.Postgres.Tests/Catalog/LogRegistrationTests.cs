using Microsoft.Extensions.DependencyInjection;
using Roomcast.Audience;
using Roomcast.Chat;
using Roomcast.Grains;
using Roomcast.Persistence.Postgres.Audience;
using Roomcast.Persistence.Postgres.Catalog;
using Roomcast.Persistence.Postgres.Chat;
using Roomcast.Persistence.Postgres.Polls;
using Roomcast.Polls;
using Roomcast.Persistence.Postgres.Reminders;
using Roomcast.Reminders;

namespace Roomcast.Postgres.Tests.Catalog;

/// <summary>The PostgreSQL logs replace the in-memory ones, however the registrations are ordered or repeated.</summary>
public sealed class LogRegistrationTests
{
    public static TheoryData<Type, Type> Logs => new()
    {
        { typeof(IAttendanceLog), typeof(PostgresAttendanceLog) },
        { typeof(IChatLog), typeof(PostgresChatLog) },
        { typeof(IPollVoteLog), typeof(PostgresPollVoteLog) },
        { typeof(IRoomSubscriberLog), typeof(PostgresRoomSubscriberLog) },
    };

    [Theory]
    [MemberData(nameof(Logs))]
    public void The_postgres_log_replaces_the_in_memory_one_whatever_the_order(Type service, Type postgres)
    {
        const string connectionString = "Host=db;Database=roomcast";
        var catalogFirst = new ServiceCollection().AddLogging()
            .AddRoomcastPostgresCatalog(connectionString).AddRoomcastGrainServices();
        var grainsFirst = new ServiceCollection().AddLogging()
            .AddRoomcastGrainServices().AddRoomcastPostgresCatalog(connectionString).AddRoomcastPostgresCatalog(connectionString);

        foreach (var services in new[] { catalogFirst, grainsFirst })
        {
            using var provider = services.BuildServiceProvider();
            Assert.IsType(postgres, provider.GetRequiredService(service));
            Assert.Single(services, d => d.ServiceType == service);
        }
    }
}
