package dev.nexttoken.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.RetrySettings;
import dev.nexttoken.Timeouts;
import dev.nexttoken.contract.FakeProviderModel;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many concurrent streams through the async streaming API against a loopback stub: every stream
 * gets every token, and the SDK runs them on at most {@code maxConcurrentRequests} threads of its
 * own, however many streams there are.
 *
 * <p>The number of streams is {@code nexttoken.load.streams} (200 in the normal build; the
 * {@code -Pload} profile runs 1,000). Peak heap is printed for {@code docs/reliability.md}.
 */
@Timeout(180)
class ConcurrentStreamsLoadTest {
  private static final int STREAMS = Integer.getInteger("nexttoken.load.streams", 200);
  private static final int TOKENS = 20;
  private static final String PREFIX = "nexttoken-http-";

  @Test
  void everyStreamOpenAtOnceGetsEveryToken() throws Exception {
    // The stub holds every stream after its first token until all are open: truly concurrent.
    try (SseStubServer stub = new SseStubServer(TOKENS, STREAMS)) {
      Result result = run(stub, STREAMS);

      assertEquals(STREAMS, stub.served());
      assertTrue(result.peakThreads() <= STREAMS, "no more SDK threads than the configured limit: " + result.peakThreads());
      System.out.printf("load: %d concurrent streams x %d tokens: peak heap %d MiB (%d MiB before), peak SDK threads %d, %d ms%n",
          STREAMS, TOKENS, result.peakHeap() >> 20, result.heapBefore() >> 20, result.peakThreads(), result.millis());
    }
  }

  @Test
  void moreStreamsThanTheLimitQueueInsteadOfAddingThreads() throws Exception {
    int limit = 16;
    try (SseStubServer stub = new SseStubServer(TOKENS, 0)) {
      Result result = run(stub, limit);

      assertTrue(result.peakThreads() <= limit, "at most " + limit + " SDK threads for " + STREAMS + " streams, saw " + result.peakThreads());
      assertTrue(result.peakThreads() > 0);
    }
  }

  private Result run(SseStubServer stub, int limit) throws Exception {
    List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    System.gc();
    long before = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    long start = System.nanoTime();
    java.util.Set<Thread> earlier = sdkThreads();
    int peakThreads = 0;
    try (FakeProviderModel model = FakeProviderModel.builder().baseUrl(stub.url()).apiKey(TestTransports.KEY).model("fake-small")
        .retry(RetrySettings.NONE).timeouts(Timeouts.of(Duration.ofSeconds(60))).maxConcurrentRequests(limit).build()) {
      List<CompletableFuture<Completion>> streams = new ArrayList<>();
      List<AtomicInteger> chunks = new ArrayList<>();
      for (int i = 0; i < STREAMS; i++) {
        AtomicInteger count = new AtomicInteger();
        chunks.add(count);
        streams.add(model.completeStreamingAsync(CompletionRequest.builder("Say hello").topLogprobs(0).build(), c -> count.incrementAndGet()));
      }
      CompletableFuture<Void> all = CompletableFuture.allOf(streams.toArray(CompletableFuture[]::new));
      while (!all.isDone()) {
        java.util.Set<Thread> now = sdkThreads();
        now.removeAll(earlier);
        peakThreads = Math.max(peakThreads, now.size());
        try {
          all.get(20, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException stillRunning) {
          // sample the thread count again
        }
      }
      all.get();
      for (int i = 0; i < STREAMS; i++) {
        assertEquals(stub.expectedText(), streams.get(i).get().text(), "stream " + i + " got every token");
        assertEquals(TOKENS + 1, chunks.get(i).get(), "stream " + i + ": one chunk per token and the finish");
      }
    }
    long peakHeap = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    return new Result(peakThreads, peakHeap, before, (System.nanoTime() - start) / 1_000_000);
  }

  private static java.util.Set<Thread> sdkThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(PREFIX))
        .collect(java.util.stream.Collectors.toCollection(java.util.HashSet::new));
  }

  private record Result(int peakThreads, long peakHeap, long heapBefore, long millis) {}
}
