using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Roomcast.Grains.Recordings;
using Roomcast.Grains.Sessions;
using Roomcast.Grains.Tests.Catalog;
using Roomcast.Grains.Tests.Infrastructure;
using Roomcast.Grains.Webhooks;
using Roomcast.Recordings;
using Roomcast.Sessions;
using Roomcast.Webhooks;

namespace Roomcast.Grains.Tests.Webhooks;

/// <summary>Which states stand for which webhook events, and that a session's transitions reach the dev-mode outbox once each.</summary>
[Collection(LifecycleCollection.Name)]
public sealed class WebhookEventsTests(ClusterFixture fixture)
{
    private IWebhookOutbox Outbox => fixture.SiloServices.GetRequiredService<IWebhookOutbox>();

    [Theory]
    [InlineData(RecordingStatus.Ready, WebhookEventTypes.RecordingReady)]
    [InlineData(RecordingStatus.Failed, WebhookEventTypes.RecordingFailed)]
    [InlineData(RecordingStatus.Processing, null)]
    [InlineData(RecordingStatus.Recording, null)]
    public void A_recording_state_stands_for_its_settled_event_only(RecordingStatus status, string? expectedType)
    {
        var recording = TestRecordings.New(status: status);

        var derived = WebhookEvents.Of(new RecordingGrainState { Recording = recording });

        Assert.Equal(expectedType, derived?.Type);
        if (derived is not null)
        {
            Assert.Equal(recording.LibraryId, derived.LibraryId);
            Assert.Equal(WebhookEvents.IdOf(recording.Id, expectedType!), derived.Id);
            using var body = JsonDocument.Parse(derived.Payload);
            Assert.Equal(expectedType, body.RootElement.GetProperty("type").GetString());
            Assert.Equal(recording.Id, body.RootElement.GetProperty("data").GetProperty("recording_id").GetGuid());
        }
    }

    [Fact]
    public void Deleted_and_empty_states_and_other_grains_stand_for_nothing()
    {
        Assert.Null(WebhookEvents.Of(new RecordingGrainState { Recording = TestRecordings.New(status: RecordingStatus.Ready, deleted: true) }));
        Assert.Null(WebhookEvents.Of(new RecordingGrainState()));
        Assert.Null(WebhookEvents.Of(new SessionGrainState()));
        Assert.Null(WebhookEvents.Of(new List<string> { "note" }));
    }

    [Fact]
    public void Event_ids_depend_on_subject_and_type_only()
    {
        var subject = Guid.NewGuid();

        Assert.Equal(WebhookEvents.IdOf(subject, WebhookEventTypes.SessionStarted), WebhookEvents.IdOf(subject, WebhookEventTypes.SessionStarted));
        Assert.NotEqual(WebhookEvents.IdOf(subject, WebhookEventTypes.SessionStarted), WebhookEvents.IdOf(subject, WebhookEventTypes.SessionEnded));
        Assert.NotEqual(WebhookEvents.IdOf(subject, WebhookEventTypes.SessionStarted), WebhookEvents.IdOf(Guid.NewGuid(), WebhookEventTypes.SessionStarted));
        Assert.StartsWith("evt_", WebhookEvents.IdOf(subject, WebhookEventTypes.SessionStarted));
    }

    [Fact]
    public async Task A_session_scheduled_started_and_ended_records_one_event_of_each_in_the_outbox()
    {
        var (grain, created) = await TestSessions.CreateAsync(fixture.Client, TestSessions.FarFuture(fixture.Clock));
        var live = await grain.StartAsync(null);
        // A second write while live is the same transition: the event recorded first stays.
        await grain.RenameAsync("renamed while live", null);
        await grain.EndAsync(null);

        var scheduled = await Outbox.GetAsync(WebhookEvents.IdOf(created.Id, WebhookEventTypes.SessionScheduled));
        var started = await Outbox.GetAsync(WebhookEvents.IdOf(created.Id, WebhookEventTypes.SessionStarted));
        var ended = await Outbox.GetAsync(WebhookEvents.IdOf(created.Id, WebhookEventTypes.SessionEnded));
        Assert.NotNull(scheduled);
        Assert.NotNull(started);
        Assert.NotNull(ended);
        Assert.Equal(live.StartedAt, started.OccurredAt);
        Assert.Equal(created.LibraryId, started.LibraryId);
        using var body = JsonDocument.Parse(started.Payload);
        Assert.Equal("live", body.RootElement.GetProperty("data").GetProperty("state").GetString());
        Assert.Equal(created.Name, body.RootElement.GetProperty("data").GetProperty("name").GetString());
        Assert.Null(await Outbox.GetAsync(WebhookEvents.IdOf(created.Id, WebhookEventTypes.SessionExpired)));
    }
}
