using Roomcast.WebApi.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddRoomcastApi();

var app = builder.Build();
app.MapRoomcastApi();
return await app.RunUnlessAddressInUseAsync();

/// <summary>Entry point; public so tests can host it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
