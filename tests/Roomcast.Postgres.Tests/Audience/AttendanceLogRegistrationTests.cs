using Microsoft.Extensions.DependencyInjection;
using Roomcast.Audience;
using Roomcast.Grains;
using Roomcast.Persistence.Postgres.Audience;
using Roomcast.Persistence.Postgres.Catalog;

namespace Roomcast.Postgres.Tests.Audience;

public sealed class AttendanceLogRegistrationTests
{
    [Fact]
    public void The_postgres_log_replaces_the_in_memory_one_whatever_the_order()
    {
        const string connectionString = "Host=db;Database=roomcast";
        var catalogFirst = new ServiceCollection().AddLogging()
            .AddRoomcastPostgresCatalog(connectionString).AddRoomcastGrainServices();
        var grainsFirst = new ServiceCollection().AddLogging()
            .AddRoomcastGrainServices().AddRoomcastPostgresCatalog(connectionString).AddRoomcastPostgresCatalog(connectionString);

        foreach (var services in new[] { catalogFirst, grainsFirst })
        {
            using var provider = services.BuildServiceProvider();
            Assert.IsType<PostgresAttendanceLog>(provider.GetRequiredService<IAttendanceLog>());
            Assert.Single(services, d => d.ServiceType == typeof(IAttendanceLog));
        }
    }
}
