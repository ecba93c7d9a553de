import AlibabaCloud
import Testing

@Suite("RetryPolicy")
struct RetryPolicyTests {
    let policy = RetryPolicy()

    @Test("defaults: 3 attempts, base 200 ms, cap 20 s")
    func defaults() {
        #expect(policy.maxAttempts == 3)
        #expect(policy.baseDelay == .milliseconds(200))
        #expect(policy.maximumDelay == .seconds(20))
        #expect(RetryPolicy.none.maxAttempts == 1)
        #expect(RetryPolicy(maxAttempts: 0).maxAttempts == 1)
    }

    @Test("the ceiling doubles per attempt and stops at the cap")
    func exponential() {
        #expect(policy.ceiling(afterAttempt: 1) == .milliseconds(200))
        #expect(policy.ceiling(afterAttempt: 2) == .milliseconds(400))
        #expect(policy.ceiling(afterAttempt: 3) == .milliseconds(800))
        #expect(policy.ceiling(afterAttempt: 8) == .milliseconds(20_000))
        #expect(policy.ceiling(afterAttempt: 200) == .seconds(20))
    }

    @Test("equal jitter: between half the ceiling and the ceiling")
    func jitter() {
        #expect(policy.delay(afterAttempt: 2, random: 0) == .milliseconds(200))
        #expect(policy.delay(afterAttempt: 2, random: 0.5) == .milliseconds(300))
        #expect(policy.delay(afterAttempt: 2, random: 0.999_999) == .milliseconds(400))
        #expect(policy.delay(afterAttempt: 2, random: 7) == .milliseconds(400))
    }

    @Test("x-acs-retry-after wins when it asks for longer, up to the cap")
    func retryAfter() {
        #expect(policy.delay(afterAttempt: 1, retryAfterMilliseconds: 30, random: 0) == .milliseconds(100))
        #expect(policy.delay(afterAttempt: 1, retryAfterMilliseconds: 1_500, random: 0) == .milliseconds(1_500))
        #expect(policy.delay(afterAttempt: 1, retryAfterMilliseconds: 99_000, random: 0) == .seconds(20))
    }
}
