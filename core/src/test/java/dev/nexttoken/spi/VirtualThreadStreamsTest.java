package dev.nexttoken.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.internal.AsyncThreads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * On Java 21 and later async streams run on virtual threads: thousands open at once on a few
 * platform threads, every one complete, and {@code maxConcurrentRequests} still bounding how many
 * are in flight.
 *
 * <p>The number of streams is {@code nexttoken.load.virtualStreams} (2,000 in the normal build and
 * CI's Java 21+ step; the {@code -Pload} profile runs 10,000). The default build runs on Java 17 and
 * skips this class; {@code .ci/run} runs it again on a JDK 21+ when one is installed.
 */
@Timeout(600)
@EnabledForJreRange(min = JRE.JAVA_21)
class VirtualThreadStreamsTest {
  private static final int STREAMS = Integer.getInteger("nexttoken.load.virtualStreams", 2_000);
  /**
   * Issue 20's bound on the platform threads behind 10,000 streams. Counted as every platform thread
   * the JVM starts during the run, the SDK's or not (carriers, pollers, OkHttp's and Okio's
   * housekeeping), since each exists only because the streams run. 32 on the project's 2-core
   * machine; the JDK's scheduler may start one more carrier for each further core.
   */
  private static final int MAX_PLATFORM_THREADS = 32 + Math.max(0, Runtime.getRuntime().availableProcessors() - 2);

  @Test
  void everyStreamOpenAtOnceOnAFewPlatformThreads() throws Exception {
    assertTrue(AsyncThreads.virtual(), "virtual threads found on Java " + Runtime.version().feature());
    try (StubProcess stub = StubProcess.start(StreamLoad.TOKENS, true)) {
      // The one setting 10,000 concurrent streams need: the limit raised to the stream count.
      StreamLoad.Result result = StreamLoad.run(stub, STREAMS, STREAMS);
      System.out.println(result.line());

      assertEquals(STREAMS, result.complete(), "every stream got every token and its finish");
      assertEquals(STREAMS, result.peakOpen(), "all open at once before any got its second token");
      assertEquals(0, result.onPlatformThreads(), "every stream ran on a virtual thread");
      assertEquals(0, result.onForeignThreads(), "every stream ran on a thread the SDK named");
      assertEquals(0, result.peakSdkPlatformThreads(), "no platform thread of the SDK's own");
      assertTrue(result.platformThreadsStarted() <= MAX_PLATFORM_THREADS,
          "at most " + MAX_PLATFORM_THREADS + " platform threads for " + STREAMS + " streams, started " + result.platformThreadsStarted()
              + ", seen " + result.newPlatformThreads());
      assertTrue(result.heapAllOpen() > 0, "the heap was measured with every stream open");
    }
  }

  @Test
  void theDefaultLimitStillBoundsStreamsInFlight() throws Exception {
    try (StubProcess stub = StubProcess.start(StreamLoad.TOKENS, true)) {
      StreamLoad.Result result = StreamLoad.run(stub, STREAMS, 0);
      System.out.println(result.line());

      assertEquals(STREAMS, result.complete());
      assertEquals(StreamLoad.DEFAULT_LIMIT, result.peakOpen(), "the default limit's worth open at once, never more; the rest queue");
      assertEquals(0, result.onPlatformThreads(), "queued streams ran on virtual threads too");
      assertTrue(result.platformThreadsStarted() <= MAX_PLATFORM_THREADS, "platform threads started: " + result.platformThreadsStarted() + ", seen " + result.newPlatformThreads());
    }
  }
}
