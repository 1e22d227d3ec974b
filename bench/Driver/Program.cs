using System.Text.Json;
using Roomcast.Bench.Driver;

// Grain-side measures in one process: dotnet run -c Release --project bench/Driver -- <memory|deadlines|start|audience> <count>
//   [--mode dev|postgres]  (postgres: BENCH_POSTGRES holds the connection string of an empty database), and
//   ... -- reactivation <count> --mode postgres
// and the HTTP loads against a running API:  ... -- <join|chat|fanout> <seconds> <api-url> <session-id>  (BENCH_SIGNING_KEY set)
// and  ... -- webhook-intake <seconds> <api-url>  (BENCH_TOKEN, BENCH_LIVEKIT_KEY, BENCH_LIVEKIT_SECRET set)
// and  ... -- webhook-delivery <seconds> <api-url>  (BENCH_TOKEN set; the API with Webhooks__AllowPrivateAddresses=true)
// and  ... -- failover <seconds-before-kill> <seconds-after-kill> <api-url> <silo-pid>  (BENCH_TOKEN set; kills that pid)
// and  ... -- ready-recordings <api-url> <recording-root> <size-bytes>...  (also BENCH_API_LOG): set-up of file-serving.
// Prints one JSON object on the last line of stdout.
if (args is ["webhook-intake", var seconds, var url] && int.TryParse(seconds, out var intakeSeconds) && intakeSeconds > 0)
{
    return Print(args[0], await WebhookIntakeLoad.RunAsync(new Uri(url), TimeSpan.FromSeconds(intakeSeconds)));
}

if (args is ["webhook-delivery", var window, var deliveryUrl] && int.TryParse(window, out var deliverySeconds) && deliverySeconds > 0)
{
    return Print(args[0], await WebhookDeliveryLoad.RunAsync(new Uri(deliveryUrl), TimeSpan.FromSeconds(deliverySeconds)));
}

if (args is ["failover", var before, var after, var nodeUrl, var pid]
    && int.TryParse(before, out var beforeSeconds) && beforeSeconds > 0 && int.TryParse(after, out var afterSeconds) && afterSeconds > 0)
{
    return Print(args[0], await FailoverLoad.RunAsync(new Uri(nodeUrl), int.Parse(pid), TimeSpan.FromSeconds(beforeSeconds), TimeSpan.FromSeconds(afterSeconds)));
}

if (args is ["ready-recordings", var apiUrl, var root, .. var sizes] && sizes.Length > 0)
{
    return Print(args[0], await ReadyRecordings.MakeAsync(new Uri(apiUrl), root, [.. sizes.Select(long.Parse)]));
}

var mode = BenchMode.Dev;
if (args is [.. var rest, "--mode", var modeName])
{
    mode = BenchMode.Parse(modeName);
    args = rest;
}

if (args.Length is not (2 or 4) || !int.TryParse(args[1], out var count) || count < 1 || (args[0] is "join" or "chat" or "fanout") != (args.Length == 4))
{
    Console.Error.WriteLine("usage: Roomcast.Bench.Driver <memory|deadlines|start> <count> [--mode dev|postgres]");
    Console.Error.WriteLine("       Roomcast.Bench.Driver reactivation <count> --mode postgres");
    Console.Error.WriteLine("       Roomcast.Bench.Driver audience <count>");
    Console.Error.WriteLine("       Roomcast.Bench.Driver <join|chat|fanout> <seconds> <api-url> <session-id>");
    Console.Error.WriteLine("       Roomcast.Bench.Driver webhook-intake <seconds> <api-url>");
    Console.Error.WriteLine("       Roomcast.Bench.Driver webhook-delivery <seconds> <api-url>");
    Console.Error.WriteLine("       Roomcast.Bench.Driver failover <seconds-before-kill> <seconds-after-kill> <api-url> <silo-pid>");
    Console.Error.WriteLine("       Roomcast.Bench.Driver ready-recordings <api-url> <recording-root> <size-bytes>...");
    return 2;
}

var result = args[0] switch
{
    "memory" => await MemoryMeasure.RunAsync(count, mode),
    "deadlines" => await DeadlineMeasure.RunAsync(count, mode),
    "start" => await StartLatencyMeasure.RunAsync(count, mode),
    "reactivation" => await ReactivationMeasure.RunAsync(count, mode),
    "audience" => await AudienceMeasure.RunAsync(count),
    "join" => await JoinLoad.RunAsync(new Uri(args[2]), Guid.Parse(args[3]), TimeSpan.FromSeconds(count)),
    "chat" => await ChatLoad.RunAsync(new Uri(args[2]), Guid.Parse(args[3]), TimeSpan.FromSeconds(count)),
    "fanout" => await FanoutLoad.RunAsync(new Uri(args[2]), Guid.Parse(args[3]), TimeSpan.FromSeconds(count)),
    var other => throw new ArgumentException($"unknown measure '{other}'"),
};

return Print(args[0], result);

static int Print(string measure, Dictionary<string, object> result)
{
    result["measure"] = measure;
    Console.WriteLine(JsonSerializer.Serialize(result));
    return 0;
}
