using Microsoft.Extensions.DependencyInjection;
using Roomcast.Chat;
using Roomcast.Grains;
using Roomcast.Persistence.Postgres.Catalog;
using Roomcast.Persistence.Postgres.Chat;

namespace Roomcast.Postgres.Tests.Chat;

public sealed class ChatLogRegistrationTests
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
            Assert.IsType<PostgresChatLog>(provider.GetRequiredService<IChatLog>());
            Assert.Single(services, d => d.ServiceType == typeof(IChatLog));
        }
    }
}
