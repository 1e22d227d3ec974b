using Roomcast.Grains.Webhooks;

namespace Roomcast.Grains.Tests.Webhooks;

public sealed class WebhookRetryPolicyTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(10, 2560)]
    [InlineData(11, 3600)]
    [InlineData(500, 3600)]
    public void The_delay_doubles_from_five_seconds_up_to_an_hour(int failedAttempts, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), WebhookRetryPolicy.BaseDelay(failedAttempts));

    [Fact]
    public void Jitter_adds_at_most_a_quarter_of_the_delay()
    {
        var (none, most) = (new WebhookRetryPolicy(TimeSpan.FromDays(3), () => 0), new WebhookRetryPolicy(TimeSpan.FromDays(3), () => 0.999999));

        Assert.Equal(T0.AddSeconds(20), none.NextAttemptAt(T0, 3, T0));
        var jittered = most.NextAttemptAt(T0, 3, T0)!.Value;
        Assert.InRange(jittered, T0.AddSeconds(24.99), T0.AddSeconds(25));
    }

    [Fact]
    public void The_last_attempt_is_at_the_deadline_and_a_failure_then_is_final()
    {
        var policy = new WebhookRetryPolicy(TimeSpan.FromDays(3), () => 0);
        var deadline = T0.AddDays(3);

        Assert.Equal(deadline, policy.NextAttemptAt(T0, 40, deadline.AddMinutes(-10)));
        Assert.Null(policy.NextAttemptAt(T0, 41, deadline));
    }
}
