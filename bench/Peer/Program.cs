using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using Roomcast.Bench.Peer;

// The conventional peer of Roomcast's session routes: what a team would build instead of Roomcast. A minimal API with the
// same JWT bearer validation (issuer, audience, HS256 key: Roomcast's tokens are accepted as they are) that reads and
// updates its own row in PostgreSQL on every request, through Npgsql with prepared statements. No cache, no actor.
//   --ConnectionStrings:Peer "<npgsql connection string>" --Auth:Jwt:SigningKey <base64> [--Seed <file>]
// --Seed recreates the table from Roomcast's own answers (one envelope of a created session per line), so both
// serve the same session ids.
var builder = WebApplication.CreateBuilder(args);

var jwt = builder.Configuration.GetSection("Auth:Jwt");
builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(bearer =>
{
    bearer.MapInboundClaims = false;
    bearer.TokenValidationParameters = new TokenValidationParameters
    {
        ValidIssuer = jwt["Issuer"] ?? "roomcast",
        ValidAudience = jwt["Audience"] ?? "roomcast-api",
        IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(
            jwt["SigningKey"] ?? throw new InvalidOperationException("Pass --Auth:Jwt:SigningKey <base64>, the key Roomcast signs with."))),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = SessionAccess.NameClaim,
        RoleClaimType = SessionAccess.RoleClaim,
    };
});
builder.Services.AddAuthorization();

builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
    o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
});

var connectionString = new NpgsqlConnectionStringBuilder(builder.Configuration.GetConnectionString("Peer")
    ?? throw new InvalidOperationException("Pass --ConnectionStrings:Peer <connection string>."));
if (connectionString.MaxAutoPrepare == 0)
{
    // Every statement here runs thousands of times a second: Npgsql prepares them on each pooled connection.
    connectionString.MaxAutoPrepare = 16;
}

builder.Services.AddSingleton(new NpgsqlDataSourceBuilder(connectionString.ConnectionString).Build());
builder.Services.AddSingleton<PeerSessionStore>();
builder.Services.AddSingleton(TimeProvider.System);

var app = builder.Build();
if (builder.Configuration["Seed"] is { } seed)
{
    await app.Services.GetRequiredService<PeerSessionStore>().RecreateAsync(File.ReadLines(seed), CancellationToken.None);
}

app.UseAuthentication();
app.UseAuthorization();
app.MapPeerSessionsApi();
app.Run();
