using System.Text.Json;
using Roomcast.Bench.Driver;

// Grain-side measures in one process: dotnet run -c Release --project bench/Driver -- <memory|deadlines|start> <count>
// Prints one JSON object on the last line of stdout.
if (args.Length != 2 || !int.TryParse(args[1], out var count) || count < 1)
{
    Console.Error.WriteLine("usage: Roomcast.Bench.Driver <memory|deadlines|start> <count>");
    return 2;
}

var result = args[0] switch
{
    "memory" => await MemoryMeasure.RunAsync(count),
    "deadlines" => await DeadlineMeasure.RunAsync(count),
    "start" => await StartLatencyMeasure.RunAsync(count),
    var other => throw new ArgumentException($"unknown measure '{other}'"),
};

result["measure"] = args[0];
Console.WriteLine(JsonSerializer.Serialize(result));
return 0;
