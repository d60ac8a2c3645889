package dev.nexttoken.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * Many concurrent streams through the async streaming API on Java 17 to 20: every stream gets every
 * token, and the SDK runs them on at most {@code maxConcurrentRequests} platform threads of its own,
 * however many streams there are. (On Java 21 and later they run on virtual threads, whose contract
 * {@link VirtualThreadStreamsTest} checks.)
 *
 * <p>The number of streams is {@code nexttoken.load.streams} (200 in the normal build; the
 * {@code -Pload} profile runs 1,000). The figures are printed for {@code docs/reliability.md}.
 */
@Timeout(300)
@EnabledForJreRange(max = JRE.JAVA_20)
class ConcurrentStreamsLoadTest {
  private static final int STREAMS = Integer.getInteger("nexttoken.load.streams", 200);

  @Test
  void everyStreamOpenAtOnceGetsEveryToken() throws Exception {
    try (StubProcess stub = StubProcess.start(StreamLoad.TOKENS, true)) {
      StreamLoad.Result result = StreamLoad.run(stub, STREAMS, STREAMS);

      assertEquals(STREAMS, result.complete(), "every stream got every token and its finish");
      assertEquals(STREAMS, result.peakOpen(), "all open at once before any got its second token");
      assertTrue(result.peakSdkPlatformThreads() <= STREAMS, "no more SDK threads than the configured limit: " + result.peakSdkPlatformThreads());
      System.out.println(result.line());
    }
  }

  @Test
  void moreStreamsThanTheLimitQueueInsteadOfAddingThreads() throws Exception {
    int limit = 16;
    try (StubProcess stub = StubProcess.start(StreamLoad.TOKENS, true)) {
      StreamLoad.Result result = StreamLoad.run(stub, STREAMS, limit);

      assertEquals(STREAMS, result.complete());
      assertEquals(limit, result.peakOpen(), "the limit's worth open at once, never more");
      assertTrue(result.peakSdkPlatformThreads() <= limit, "at most " + limit + " SDK threads for " + STREAMS + " streams, saw " + result.peakSdkPlatformThreads());
      assertTrue(result.peakSdkPlatformThreads() > 0, "the streams ran on threads named " + dev.nexttoken.internal.AsyncThreads.PREFIX);
      System.out.println(result.line());
    }
  }
}
