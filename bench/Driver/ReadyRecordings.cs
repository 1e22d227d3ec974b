using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Roomcast.Bench.Driver;

/// <summary>
/// Ready recordings made the way production makes them, for the file-serving measure: a live session with recording
/// on (<c>go_live</c>), <c>POST /v1/sessions/{id}/recordings</c> (the detached egress service answers a synthetic file
/// egress), the file written where that egress would have written it (<c>{root}/{storage key}</c>), and a signed
/// egress_ended COMPLETE webhook naming it (the recording's <c>egress_id</c>).
/// Prints, for each size, the signed file URL (path and query) and the file's path under the root.
/// </summary>
internal static class ReadyRecordings
{
    public static async Task<Dictionary<string, object>> MakeAsync(Uri api, string root, IReadOnlyList<long> sizes)
    {
        using var http = new HttpClient { BaseAddress = api };
        var setup = new BenchApi(http);
        var signer = LiveKitWebhookSigner.FromEnvironment();
        var roomId = await setup.CreateRoomAsync();
        var result = new Dictionary<string, object>();
        foreach (var size in sizes)
        {
            var sessionId = await setup.CreateSessionAsync(roomId, recordingEnabled: true);
            await setup.GoLiveAsync(sessionId);
            var recording = await setup.SendAsync(HttpMethod.Post, $"/v1/sessions/{sessionId}/recordings", new { title = $"bench {size}" });
            var recordingId = recording.GetProperty("id").GetGuid();
            var egressId = recording.GetProperty("egress_id").GetString()!;

            var key = $"recordings/{sessionId:N}/{recordingId:N}.mp4";
            var path = Path.Combine(root, key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var bytes = new byte[size];
            Random.Shared.NextBytes(bytes);
            await File.WriteAllBytesAsync(path, bytes);

            var now = DateTimeOffset.UtcNow;
            var room = $"session-{sessionId:D}";
            var body = JsonSerializer.Serialize(new
            {
                @event = "egress_ended",
                egressInfo = new
                {
                    egressId,
                    roomName = room,
                    status = "EGRESS_COMPLETE",
                    startedAt = Nanoseconds(now.AddSeconds(-10)),
                    endedAt = Nanoseconds(now),
                    updatedAt = Nanoseconds(now),
                    roomComposite = new { roomName = room },
                    fileResults = new[]
                    {
                        new { filename = path, location = path, size = size.ToString(CultureInfo.InvariantCulture), duration = "10000000000" },
                    },
                },
                id = "EV_bench_ended_" + recordingId.ToString("N"),
                createdAt = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            });
            if (await BenchApi.PostWebhookAsync(http, body, signer.Sign(body)) != "processed")
            {
                throw new InvalidOperationException($"egress_ended of recording {recordingId} was not processed");
            }

            var status = (await setup.SendAsync(HttpMethod.Get, $"/v1/recordings/{recordingId}")).GetProperty("status").GetString();
            if (status != "ready")
            {
                throw new InvalidOperationException($"recording {recordingId} is {status} after its egress_ended COMPLETE");
            }

            var url = new Uri((await setup.SendAsync(HttpMethod.Get, $"/v1/recordings/{recordingId}/download_url?expires_in=3600"))
                .GetProperty("url").GetString()!);
            result[$"url_{size}"] = url.PathAndQuery;
            result[$"key_{size}"] = key;
        }

        return result;
    }

    private static string Nanoseconds(DateTimeOffset time) =>
        ((time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * TimeSpan.NanosecondsPerTick).ToString(CultureInfo.InvariantCulture);
}
