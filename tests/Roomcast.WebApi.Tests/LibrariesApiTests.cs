using System.Net;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

[Collection(LibrariesCollection.Name)]
public sealed class LibrariesApiTests(RoomcastApiFactory api)
{
    [Fact]
    public async Task AdminCreatesLibraryAndReadsItBack()
    {
        var admin = await api.AdminAsync();

        var response = await admin.Client.PostAsync("/v1/admin/libraries", ApiJson.Body(new { Name = "  Acme Media  " }));

        var library = await response.ShouldSucceedAsync<LibraryDto>(HttpStatusCode.Created);
        Assert.Equal("Acme Media", library.Name);
        Assert.NotEqual(Guid.Empty, library.Id);
        Assert.True(library.CreatedOn > DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Equal($"/v1/admin/libraries/{library.Id}", response.Headers.Location?.OriginalString);

        var read = await (await admin.Client.GetAsync($"/v1/admin/libraries/{library.Id}")).ShouldSucceedAsync<LibraryDto>();
        Assert.Equal(library, read);
    }

    [Fact]
    public async Task CreateLibraryRejectsBlankName()
    {
        var admin = await api.AdminAsync();
        var response = await admin.Client.PostAsync("/v1/admin/libraries", ApiJson.Body(new { Name = "   " }));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "name");
    }

    [Fact]
    public async Task CreateLibraryRejectsMissingName()
    {
        var admin = await api.AdminAsync();
        var response = await admin.Client.PostAsync("/v1/admin/libraries", ApiJson.Raw("{}"));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "name");
    }

    [Fact]
    public async Task CreateLibraryRejectsNameLongerThan100Characters()
    {
        var admin = await api.AdminAsync();
        var response = await admin.Client.PostAsync("/v1/admin/libraries", ApiJson.Body(new { Name = new string('x', 101) }));
        var error = await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "name");
        Assert.Contains("100", error.MessageOf("name"));
    }

    [Fact]
    public async Task CreateLibraryRejectsUnknownField()
    {
        var admin = await api.AdminAsync();
        var response = await admin.Client.PostAsync("/v1/admin/libraries", ApiJson.Raw("""{"name":"X","owner":"me"}"""));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "owner");
    }

    [Fact]
    public async Task GetUnknownLibraryIs404()
    {
        var admin = await api.AdminAsync();
        var response = await admin.Client.GetAsync($"/v1/admin/libraries/{Guid.NewGuid()}");
        await response.ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task GetLibraryWithMalformedIdIs400()
    {
        var admin = await api.AdminAsync();
        var response = await admin.Client.GetAsync("/v1/admin/libraries/not-a-uuid");
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "library_id");
    }

    [Fact]
    public async Task ListPagesThroughEveryLibraryNewestFirstWithCursors()
    {
        var admin = await api.AdminAsync();
        var created = new List<LibraryDto>();
        for (var i = 0; i < 3; i++)
        {
            created.Add(await api.CreateLibraryAsync());
        }

        var seen = new List<LibraryDto>();
        string? cursor = null;
        var pages = new List<ListDto<LibraryDto>>();
        do
        {
            var query = cursor is null ? "?limit=2" : $"?limit=2&start_after={cursor}";
            var page = await (await admin.Client.GetAsync("/v1/admin/libraries" + query)).ShouldSucceedAsync<ListDto<LibraryDto>>();
            Assert.Equal(2, page.Limit);
            Assert.True(page.Items.Count <= 2);
            pages.Add(page);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.All(created, c => Assert.Contains(c, seen));
        Assert.Contains(seen, l => l.Id == Tokens.DefaultLibraryId);
        Assert.Equal(seen.Count, seen.Select(l => l.Id).Distinct().Count());
        Assert.Equal(seen.Select(l => l.CreatedOn).OrderDescending(), seen.Select(l => l.CreatedOn));
        Assert.Null(pages[0].PrevCursor);

        // The second page's prev_cursor leads back to the first page.
        var back = await (await admin.Client.GetAsync($"/v1/admin/libraries?limit=2&end_before={pages[1].PrevCursor}"))
            .ShouldSucceedAsync<ListDto<LibraryDto>>();
        Assert.Equal(pages[0].Items, back.Items);
    }

    [Fact]
    public async Task ListRejectsBadLimitAndCursor()
    {
        var admin = await api.AdminAsync();
        await (await admin.Client.GetAsync("/v1/admin/libraries?limit=0")).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "limit");
        await (await admin.Client.GetAsync("/v1/admin/libraries?limit=101")).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "limit");
        await (await admin.Client.GetAsync("/v1/admin/libraries?start_after=bogus")).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "start_after");
    }

    [Fact]
    public async Task LibraryRoutesNeedCredentials()
    {
        var anonymous = api.Anonymous();
        await (await anonymous.PostAsync("/v1/admin/libraries", ApiJson.Body(new { Name = "X" }))).ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await anonymous.GetAsync("/v1/admin/libraries")).ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await anonymous.GetAsync($"/v1/admin/libraries/{Tokens.DefaultLibraryId}")).ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task LibraryRoutesAreForbiddenToHosts()
    {
        var host = await api.CreateHostAsync();
        await (await host.Client.PostAsync("/v1/admin/libraries", ApiJson.Body(new { Name = "X" }))).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await host.Client.GetAsync("/v1/admin/libraries")).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await host.Client.GetAsync($"/v1/admin/libraries/{Tokens.DefaultLibraryId}")).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
    }
}
