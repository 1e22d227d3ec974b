using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Roomcast.WebApi.Tests.Infrastructure;
using Roomcast.Webhooks;

namespace Roomcast.WebApi.Tests.Webhooks;

/// <summary>Registering and managing a library's outbound webhook endpoints: who may, what is refused, the secret shown once.</summary>
[Collection(OutboundWebhooksCollection.Name)]
public sealed class OutboundWebhooksApiTests(RoomcastApiFactory api)
{
    private sealed record WebhookDto(
        Guid Id, Guid LibraryId, string Url, IReadOnlyList<string> Events, bool Enabled, string? DisabledReason, long ChangeSequence);

    private sealed record WebhookWithSecretDto(Guid Id, Guid LibraryId, string Url, IReadOnlyList<string> Events, bool Enabled, string Secret);

    private sealed record DeliveryDto(
        Guid Id, Guid WebhookId, string EventId, string Status, int Attempts, int? LastStatusCode, string? LastError, DateTimeOffset? LastAttemptAt);

    private async Task<(Guid LibraryId, TestUser Host)> LibraryWithHostAsync()
    {
        var library = await api.CreateLibraryAsync();
        return (library.Id, await api.CreateUserAsync("host", library.Id));
    }

    private static Task<HttpResponseMessage> RegisterAsync(TestUser user, Guid libraryId, object body) =>
        user.Client.PostAsync($"/v1/libraries/{libraryId}/webhooks", ApiJson.Body(body));

    private static async Task<WebhookWithSecretDto> RegisteredAsync(TestUser user, Guid libraryId, string url = "https://receiver.example.com/hooks") =>
        await (await RegisterAsync(user, libraryId, new { Url = url, Events = new[] { "session.started", "recording.ready" } }))
            .ShouldSucceedAsync<WebhookWithSecretDto>(HttpStatusCode.Created);

    [Fact]
    public async Task A_host_registers_an_endpoint_and_sees_its_secret_only_in_that_answer()
    {
        var (libraryId, host) = await LibraryWithHostAsync();

        var response = await RegisterAsync(host, libraryId, new { Url = "https://receiver.example.com/hooks", Events = new[] { "session.started" } });

        var created = await response.ShouldSucceedAsync<WebhookWithSecretDto>(HttpStatusCode.Created);
        Assert.StartsWith("whsec_", created.Secret);
        Assert.Equal(32, Convert.FromBase64String(created.Secret["whsec_".Length..]).Length);
        Assert.Equal(["session.started"], created.Events);
        Assert.True(created.Enabled);
        Assert.Equal(libraryId, created.LibraryId);
        Assert.Equal($"/v1/libraries/{libraryId}/webhooks/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.True(response.Headers.CacheControl?.NoStore);

        var listBody = await (await host.Client.GetAsync($"/v1/libraries/{libraryId}/webhooks")).Content.ReadAsStringAsync();
        var getResponse = await host.Client.GetAsync($"/v1/libraries/{libraryId}/webhooks/{created.Id}");
        var got = await getResponse.ShouldSucceedAsync<WebhookDto>();
        Assert.Equal("https://receiver.example.com/hooks", got.Url);
        Assert.DoesNotContain(created.Secret["whsec_".Length..], listBody);
        Assert.DoesNotContain("\"secret\"", listBody);
        Assert.DoesNotContain("\"secret\"", await getResponse.Content.ReadAsStringAsync());
        Assert.Contains(created.Id.ToString(), listBody);
    }

    [Theory]
    [InlineData("ftp://receiver.example.com/hooks", "url")]
    [InlineData("/relative/hooks", "url")]
    [InlineData("https://user:pass@receiver.example.com/hooks", "url")]
    [InlineData("", "url")]
    public async Task A_bad_url_is_refused_naming_the_url(string url, string field)
    {
        var (libraryId, host) = await LibraryWithHostAsync();

        await (await RegisterAsync(host, libraryId, new { Url = url, Events = new[] { "session.started" } }))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field);
    }

    [Fact]
    public async Task An_overlong_url_is_refused()
    {
        var (libraryId, host) = await LibraryWithHostAsync();

        await (await RegisterAsync(host, libraryId, new { Url = "https://receiver.example.com/" + new string('a', 2048), Events = new[] { "session.started" } }))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "url");
    }

    [Fact]
    public async Task An_unknown_event_type_is_refused_by_name()
    {
        var (libraryId, host) = await LibraryWithHostAsync();

        var error = await (await RegisterAsync(host, libraryId, new { Url = "https://receiver.example.com/", Events = new[] { "session.started", "session.exploded" } }))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "events");
        Assert.Contains("session.exploded", error.MessageOf("events"));

        await (await RegisterAsync(host, libraryId, new { Url = "https://receiver.example.com/", Events = Array.Empty<string>() }))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "events");
    }

    [Fact]
    public async Task A_viewer_of_the_library_is_forbidden_and_a_host_of_another_library_told_it_does_not_exist()
    {
        var (libraryId, host) = await LibraryWithHostAsync();
        var created = await RegisteredAsync(host, libraryId);
        var viewer = await api.CreateUserAsync("viewer", libraryId);
        var (_, otherHost) = await LibraryWithHostAsync();

        await (await viewer.Client.GetAsync($"/v1/libraries/{libraryId}/webhooks")).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await RegisterAsync(viewer, libraryId, new { Url = "https://x.example.com/", Events = new[] { "session.started" } }))
            .ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await otherHost.Client.GetAsync($"/v1/libraries/{libraryId}/webhooks/{created.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await otherHost.Client.DeleteAsync($"/v1/libraries/{libraryId}/webhooks/{created.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");

        var admin = await api.AdminAsync();
        Assert.Equal(created.Id, (await (await admin.Client.GetAsync($"/v1/libraries/{libraryId}/webhooks/{created.Id}")).ShouldSucceedAsync<WebhookDto>()).Id);
    }

    [Fact]
    public async Task An_endpoint_is_not_found_through_another_library_even_by_its_admin()
    {
        var (libraryId, host) = await LibraryWithHostAsync();
        var created = await RegisteredAsync(host, libraryId);
        var (otherLibraryId, _) = await LibraryWithHostAsync();
        var admin = await api.AdminAsync();

        await (await admin.Client.GetAsync($"/v1/libraries/{otherLibraryId}/webhooks/{created.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Patch_changes_events_and_disables_and_a_stale_change_sequence_is_refused_then_delete_removes_it()
    {
        var (libraryId, host) = await LibraryWithHostAsync();
        var created = await RegisteredAsync(host, libraryId);
        var path = $"/v1/libraries/{libraryId}/webhooks/{created.Id}";

        var patched = await (await host.Client.PatchAsync(path, ApiJson.Body(new { Events = new[] { "session.ended" }, Enabled = false, ChangeSequence = 1 })))
            .ShouldSucceedAsync<WebhookDto>();
        Assert.Equal(["session.ended"], patched.Events);
        Assert.False(patched.Enabled);
        Assert.Equal(2, patched.ChangeSequence);
        await (await host.Client.PatchAsync(path, ApiJson.Body(new { Enabled = true, ChangeSequence = 1 })))
            .ShouldFailAsync(HttpStatusCode.Conflict, "stale_change_sequence");
        await (await host.Client.PatchAsync(path, ApiJson.Body(new { Events = new[] { "nope" } })))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "events");

        (await host.Client.DeleteAsync(path)).EnsureSuccessStatusCode();
        await (await host.Client.GetAsync(path)).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await host.Client.DeleteAsync(path)).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Rotating_shows_a_new_secret_once()
    {
        var (libraryId, host) = await LibraryWithHostAsync();
        var created = await RegisteredAsync(host, libraryId);

        var response = await host.Client.PostAsync($"/v1/libraries/{libraryId}/webhooks/{created.Id}/rotate_secret", null);

        var rotated = await response.ShouldSucceedAsync<WebhookWithSecretDto>();
        Assert.StartsWith("whsec_", rotated.Secret);
        Assert.NotEqual(created.Secret, rotated.Secret);
        Assert.True(response.Headers.CacheControl?.NoStore);
        await (await host.Client.PostAsync($"/v1/libraries/{libraryId}/webhooks/{Guid.NewGuid()}/rotate_secret", null))
            .ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task The_delivery_log_shows_a_refused_private_address_and_a_redelivery_makes_it_pending_again()
    {
        var (libraryId, host) = await LibraryWithHostAsync();
        // The host has no public receiver here, and the API tests leave Webhooks:AllowPrivateAddresses off.
        var created = await RegisteredAsync(host, libraryId, "http://127.0.0.1:9/hooks");
        await (await host.Client.PatchAsync($"/v1/libraries/{libraryId}/webhooks/{created.Id}",
            ApiJson.Body(new { Events = new[] { "session.scheduled" } }))).ShouldSucceedAsync<WebhookDto>();
        var room = await api.CreateRoomAsync(host);
        var session = await api.CreateSessionAsync(host, room.Id);
        var deliveriesPath = $"/v1/libraries/{libraryId}/webhooks/{created.Id}/deliveries";

        // The silo's dispatcher polls in real time; this waits for its first attempt, however long the machine takes.
        DeliveryDto? delivery = null;
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (delivery is not { Attempts: > 0 })
        {
            await Task.Delay(100, patience.Token);
            var page = await (await host.Client.GetAsync(deliveriesPath)).ShouldSucceedAsync<ListDto<DeliveryDto>>();
            delivery = page.Items.SingleOrDefault();
        }

        Assert.Equal("failed", delivery.Status);
        Assert.Null(delivery.LastStatusCode);
        Assert.Contains("no public address", delivery.LastError);
        Assert.StartsWith("evt_", delivery.EventId);
        Assert.NotEqual(Guid.Empty, session.Id);

        var redelivered = await (await host.Client.PostAsync($"{deliveriesPath}/{delivery.Id}/redeliver", null)).ShouldSucceedAsync<DeliveryDto>();
        Assert.Equal(delivery.Id, redelivered.Id);
        Assert.True(redelivered.Status is "pending" or "failed");
        await (await host.Client.PostAsync($"{deliveriesPath}/{Guid.NewGuid()}/redeliver", null)).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");

        var viewer = await api.CreateUserAsync("viewer", libraryId);
        await (await viewer.Client.GetAsync(deliveriesPath)).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
        var (_, otherHost) = await LibraryWithHostAsync();
        await (await otherHost.Client.GetAsync(deliveriesPath)).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task An_attendance_export_is_an_attendance_exported_event_for_the_endpoints_that_want_it()
    {
        var (libraryId, host) = await LibraryWithHostAsync();
        var created = await (await RegisterAsync(host, libraryId, new { Url = "http://127.0.0.1:9/hooks", Events = new[] { "attendance.exported" } }))
            .ShouldSucceedAsync<WebhookWithSecretDto>(HttpStatusCode.Created);
        var room = await api.CreateRoomAsync(host);
        var session = await api.CreateSessionAsync(host, room.Id);

        var csv = await host.Client.GetAsync($"/v1/sessions/{session.Id}/attendance/export");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        await csv.Content.ReadAsStringAsync();

        // The silo's dispatcher expands events in real time; this waits for the delivery, however long the machine takes.
        var deliveriesPath = $"/v1/libraries/{libraryId}/webhooks/{created.Id}/deliveries";
        DeliveryDto? delivery = null;
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (delivery is null)
        {
            await Task.Delay(100, patience.Token);
            delivery = (await (await host.Client.GetAsync(deliveriesPath)).ShouldSucceedAsync<ListDto<DeliveryDto>>()).Items.SingleOrDefault();
        }

        var exported = await api.Services.GetRequiredService<IWebhookOutbox>().GetAsync(delivery.EventId);
        Assert.Equal(("attendance.exported", libraryId), (exported!.Type, exported.LibraryId));
        using var payload = JsonDocument.Parse(exported.Payload);
        Assert.Equal(session.Id, payload.RootElement.GetProperty("data").GetProperty("session_id").GetGuid());
        Assert.Equal(0, payload.RootElement.GetProperty("data").GetProperty("rows").GetInt32());
    }
}
