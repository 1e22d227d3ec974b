using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Roomcast.Persistence.Postgres.Migrations;

/// <summary>
/// Migrates in the silo's very first lifecycle stage, before clustering, grain storage and reminders
/// read their queries from the database; a failure stops the silo from starting.
/// </summary>
internal sealed class MigrationLifecycleParticipant(RoomcastMigrator migrator) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(MigrationLifecycleParticipant), ServiceLifecycleStage.First,
            async cancellationToken => await migrator.MigrateAsync(cancellationToken));
}
