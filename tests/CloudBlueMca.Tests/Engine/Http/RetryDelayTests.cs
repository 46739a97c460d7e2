using System.Net.Http.Headers;
using CloudBlueMca.Engine.Http;
using Xunit;

namespace CloudBlueMca.Tests.Engine.Http;

public class RetryDelayTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RetryAfterSecondsIsUsed() =>
        Assert.Equal(TimeSpan.FromSeconds(7), RetryDelay.FromRetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)), Now, TimeSpan.FromMinutes(1)));

    [Fact]
    public void RetryAfterHttpDateIsMeasuredFromNow() =>
        Assert.Equal(TimeSpan.FromSeconds(12), RetryDelay.FromRetryAfter(RetryConditionHeaderValue.Parse("Sat, 21 Nov 2026 10:00:12 GMT"), Now, TimeSpan.FromMinutes(1)));

    [Fact]
    public void RetryAfterInThePastMeansNow() =>
        Assert.Equal(TimeSpan.Zero, RetryDelay.FromRetryAfter(RetryConditionHeaderValue.Parse("Sat, 21 Nov 2026 09:00:00 GMT"), Now, TimeSpan.FromMinutes(1)));

    [Fact]
    public void RetryAfterIsCapped() =>
        Assert.Equal(TimeSpan.FromSeconds(30), RetryDelay.FromRetryAfter(new RetryConditionHeaderValue(TimeSpan.FromHours(2)), Now, TimeSpan.FromSeconds(30)));

    [Fact]
    public void NoRetryAfterGivesNull() => Assert.Null(RetryDelay.FromRetryAfter(null, Now, TimeSpan.FromSeconds(30)));

    [Theory]
    [InlineData(1, 0.0, 500)]
    [InlineData(1, 1.0, 1000)]
    [InlineData(2, 0.0, 1000)]
    [InlineData(3, 1.0, 4000)]
    [InlineData(10, 1.0, 8000)]
    public void BackoffDoublesWithJitterUpToTheCap(int failedAttempts, double jitter, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), RetryDelay.Backoff(failedAttempts, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8), jitter));
}
