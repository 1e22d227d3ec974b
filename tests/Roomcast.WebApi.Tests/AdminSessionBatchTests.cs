using System.Net;
using System.Text.Json;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

[Collection(AuthCollection.Name)]
public sealed class AdminSessionBatchTests(RoomcastApiFactory api)
{
    [Fact]
    public async Task BatchReturnsKnownSessionsAndReportsUnknownIdsAsMissing()
    {
        var admin = await api.AdminAsync();
        var (_, _, first) = await api.CreateHostWithSessionAsync();
        var (_, _, second) = await api.CreateHostWithSessionAsync(visibility: "private");
        var unknown = Guid.NewGuid();

        var response = await admin.Client.PostAsync("/v1/admin/sessions/batch",
            ApiJson.Body(new { Ids = new[] { first.Id.ToString(), second.Id.ToString(), unknown.ToString(), first.Id.ToString() } }));

        var data = await response.ShouldSucceedAsync();
        var ids = data.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).Order().ToList();
        Assert.Equal(new[] { first.Id, second.Id }.Order(), ids);
        Assert.Equal([unknown], data.GetProperty("missing").EnumerateArray().Select(e => e.GetGuid()));
    }

    [Fact]
    public async Task BatchRejectsMoreThanOneHundredIds()
    {
        var admin = await api.AdminAsync();
        var ids = Enumerable.Range(0, 101).Select(_ => Guid.NewGuid().ToString()).ToArray();

        var response = await admin.Client.PostAsync("/v1/admin/sessions/batch", ApiJson.Body(new { Ids = ids }));

        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "ids");
    }

    [Fact]
    public async Task BatchRejectsAnEmptyListAndNamesAMalformedId()
    {
        var admin = await api.AdminAsync();

        await (await admin.Client.PostAsync("/v1/admin/sessions/batch", ApiJson.Body(new { Ids = Array.Empty<string>() })))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "ids");
        await (await admin.Client.PostAsync("/v1/admin/sessions/batch", ApiJson.Body(new { Ids = new[] { Guid.NewGuid().ToString(), "nope" } })))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "ids[1]");
    }

    [Fact]
    public async Task BatchIsForbiddenToHostsAndNeedsAToken()
    {
        var host = await api.CreateHostAsync();
        var body = new { Ids = new[] { Guid.NewGuid().ToString() } };

        await (await host.Client.PostAsync("/v1/admin/sessions/batch", ApiJson.Body(body)))
            .ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await api.CreateClient().PostAsync("/v1/admin/sessions/batch", ApiJson.Body(body)))
            .ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }
}
