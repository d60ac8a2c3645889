package dev.nexttoken.spi;

import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.RetrySettings;
import dev.nexttoken.Timeouts;
import dev.nexttoken.contract.FakeProviderModel;
import dev.nexttoken.internal.AsyncThreads;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs many async streams against a holding {@link StubProcess} and measures what they cost: the
 * load tests' one harness, so that Java 17's and Java 21's figures are measured alike.
 *
 * <p>The stub holds every stream after its first token. This class releases the held streams when
 * as many are held as the limit lets run ({@code min(limit, streams not yet finished)}), so each
 * round has exactly that many streams open at once, and a client that ran more than its limit would
 * show a peak above it. With the limit at the stream count, every stream is open at once before any
 * gets its second token; the heap is measured then, after a collection.
 */
final class StreamLoad {
  static final int TOKENS = 20;
  /** What {@code maxConcurrentRequests(0)} means on the SDK's own client: OkHttp's {@code maxRequests}. */
  static final int DEFAULT_LIMIT = 64;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final MethodHandle IS_VIRTUAL = isVirtualHandle();

  private StreamLoad() {}

  /**
   * What one run measured.
   *
   * @param complete streams that got every token, one chunk each, and the finish
   * @param peakOpen the most streams open at once: between their first chunk and their finish
   * @param onPlatformThreads streams whose chunks were handed over on a platform (not a virtual) thread
   * @param onForeignThreads streams whose chunks were handed over on a thread not named {@code nexttoken-http-*}
   * @param peakSdkPlatformThreads the most live platform threads named {@code nexttoken-http-*} at once
   *     (sampled), as the load test has always counted SDK threads
   * @param platformThreadsStarted every platform thread this JVM started during the run, whoever
   *     started it (the stub runs elsewhere): carriers, OkHttp's, the JDK's
   * @param newPlatformThreads the new platform threads the samples saw, by name with digits as N
   * @param heapAllOpen heap in use after a collection with every stream open at once; -1 unless the
   *     limit let them all open
   * @param peakHeap the sum of the heap pools' peaks: an upper bound, garbage included
   */
  record Result(
      int streams,
      int limit,
      int complete,
      int peakOpen,
      int onPlatformThreads,
      int onForeignThreads,
      int peakSdkPlatformThreads,
      long platformThreadsStarted,
      Map<String, Integer> newPlatformThreads,
      long heapBefore,
      long heapAllOpen,
      long peakHeap,
      long millis) {

    /** Heap held per open stream, in MiB (from {@link #heapAllOpen}). */
    double mibPerStream() {
      return heapAllOpen < 0 ? Double.NaN : (heapAllOpen - heapBefore) / (double) (1 << 20) / streams;
    }

    /** The line the load tests print for docs/reliability.md. */
    String line() {
      return String.format("load: %,d streams x %d tokens, limit %,d, Java %d, %s threads: peak open %,d, heap with all open %s"
              + " (%d MiB before), peak heap %d MiB, peak SDK platform threads %d, platform threads started %d, %,d ms",
          streams, TOKENS, limit, Runtime.version().feature(), AsyncThreads.virtual() ? "virtual" : "platform", peakOpen,
          heapAllOpen < 0 ? "n/a" : String.format("%d MiB = %.3f MiB a stream", heapAllOpen >> 20, mibPerStream()),
          heapBefore >> 20, peakHeap >> 20, peakSdkPlatformThreads, platformThreadsStarted, millis);
    }
  }

  /**
   * Opens {@code streams} streams at once through {@code completeStreamingAsync} on a model whose
   * {@code maxConcurrentRequests} is {@code limit} (0: the default, {@value #DEFAULT_LIMIT}).
   */
  static Result run(StubProcess stub, int streams, int limit) throws Exception {
    int effectiveLimit = limit == 0 ? DEFAULT_LIMIT : limit;
    List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    System.gc();
    long before = used(heap);
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    Set<Long> earlier = sdkPlatformThreads();
    Set<Long> alive = platformThreadIds();
    Map<String, Integer> seen = new TreeMap<>();
    long startedBefore = THREADS.getTotalStartedThreadCount();
    long start = System.nanoTime();

    Counters counters = new Counters();
    long heapAllOpen = -1;
    int peakSdkThreads = 0;
    long platformStarted;
    String expected = SseStubServer.expectedText(TOKENS);
    int complete = 0;
    // Long timeouts: the first stream waits, held, until the last one has connected.
    try (FakeProviderModel model = FakeProviderModel.builder().baseUrl(stub.url()).apiKey(TestTransports.KEY).model("fake-small")
        .retry(RetrySettings.NONE).timeouts(Timeouts.of(Duration.ofMinutes(5))).maxConcurrentRequests(limit).build()) {
      List<CompletableFuture<Completion>> futures = new ArrayList<>(streams);
      List<AtomicInteger> chunks = new ArrayList<>(streams);
      CompletionRequest request = CompletionRequest.builder("Say hello").topLogprobs(0).build();
      for (int i = 0; i < streams; i++) {
        AtomicInteger count = new AtomicInteger();
        chunks.add(count);
        futures.add(model.completeStreamingAsync(request, counters.forStream(count))
            .whenComplete((done, failure) -> counters.failed(failure)));
      }
      CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
      while (!all.isDone()) {
        Set<Long> now = sdkPlatformThreads();
        now.removeAll(earlier);
        peakSdkThreads = Math.max(peakSdkThreads, now.size());
        newPlatformThreads(alive, seen);
        int held = counters.held.get();
        if (counters.failures.get() > 0) {
          stub.open(); // the run has failed: let the rest finish rather than wait for a round
        } else if (held > 0 && held >= Math.min(effectiveLimit, streams - counters.finished.get())) {
          if (heapAllOpen < 0 && held == streams) {
            System.gc();
            heapAllOpen = used(heap);
          }
          // Every stream counted here is parked at the stub (it sends the first token and parks the
          // stream under the lock a release takes), so this frees them all; later ones count for the next round.
          stub.release();
          counters.held.addAndGet(-held);
        }
        try {
          all.get(10, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException stillRunning) {
          // sample and check the round again
        }
      }
      platformStarted = THREADS.getTotalStartedThreadCount() - startedBefore;
      all.get(); // a failed stream fails the test with its own exception
      for (int i = 0; i < streams; i++) {
        if (expected.equals(futures.get(i).get().text()) && chunks.get(i).get() == TOKENS + 1) {
          complete++;
        }
      }
    }
    long peakHeap = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    return new Result(streams, effectiveLimit, complete, counters.peakOpen.get(), counters.onPlatform.get(), counters.onForeign.get(),
        peakSdkThreads, platformStarted, seen, before, heapAllOpen, peakHeap, (System.nanoTime() - start) / 1_000_000);
  }

  /** Counted from the chunks as they arrive, on the SDK's threads. */
  private static final class Counters {
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger peakOpen = new AtomicInteger();
    /** Streams that have their first token and wait for a release; reset by each release. */
    final AtomicInteger held = new AtomicInteger();
    final AtomicInteger finished = new AtomicInteger();
    final AtomicInteger failures = new AtomicInteger();
    final AtomicInteger onPlatform = new AtomicInteger();
    final AtomicInteger onForeign = new AtomicInteger();

    Consumer<Chunk> forStream(AtomicInteger count) {
      return chunk -> {
        int n = count.incrementAndGet();
        if (n == 1) {
          Thread thread = Thread.currentThread();
          if (!isVirtual(thread)) {
            onPlatform.incrementAndGet();
          }
          if (!thread.getName().startsWith(AsyncThreads.PREFIX)) {
            onForeign.incrementAndGet();
          }
          peakOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
          held.incrementAndGet();
        } else if (n == TOKENS + 1) {
          open.decrementAndGet();
          finished.incrementAndGet();
        }
      };
    }

    void failed(Throwable failure) {
      if (failure != null) {
        failures.incrementAndGet();
      }
    }
  }

  private static Set<Long> platformThreadIds() {
    Set<Long> ids = new HashSet<>();
    for (long id : THREADS.getAllThreadIds()) {
      ids.add(id);
    }
    return ids;
  }

  /** Adds the platform threads not in {@code known} to it, counting their names with the digits cut. */
  private static void newPlatformThreads(Set<Long> known, Map<String, Integer> names) {
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds(), 0)) {
      if (info != null && known.add(info.getThreadId())) {
        names.merge(info.getThreadName().replaceAll("[0-9]+", "N"), 1, Integer::sum);
      }
    }
  }

  private static long used(List<MemoryPoolMXBean> heap) {
    return heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
  }

  /** Live platform threads named {@code nexttoken-http-*} (the MXBean sees no virtual thread). */
  private static Set<Long> sdkPlatformThreads() {
    Set<Long> ids = new HashSet<>();
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds(), 0)) {
      if (info != null && info.getThreadName().startsWith(AsyncThreads.PREFIX)) {
        ids.add(info.getThreadId());
      }
    }
    return ids;
  }

  static boolean isVirtual(Thread thread) {
    try {
      return IS_VIRTUAL != null && (boolean) IS_VIRTUAL.invoke(thread);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code Thread.isVirtual()}, Java 21's; null before, where no thread is virtual. */
  private static MethodHandle isVirtualHandle() {
    try {
      return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
    } catch (ReflectiveOperationException before21) {
      return null;
    }
  }
}
