package dev.nexttoken.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a client the SDK creates runs async calls and streams on: a virtual thread per task on
 * Java 21 and later, daemon platform threads (exactly as before) on Java 17 to 20. Either way the
 * threads are named {@code nexttoken-http-*}, and {@link BoundedExecutor} bounds how many run.
 *
 * <p>Why: an async stream spends its life blocked in a socket read. On platform threads 10,000
 * streams are 10,000 threads; on virtual threads they are 10,000 small heap objects on a handful of
 * carrier threads, and OkHttp's blocking I/O unmounts instead of holding one.
 *
 * <p>Why found at run time (method handles, resolved once) rather than through a multi-release jar:
 * the build stays one JDK 17 compile with {@code --release 17}; a {@code META-INF/versions/21} class
 * would need a JDK 21 to compile and a second test run to cover. The lookup costs one probe per JVM,
 * and each executor then calls straight into {@code Thread.Builder}. Java 19 and 20 (virtual threads
 * in preview) fall back to platform threads: the probe only runs on 21 and later.
 */
public final class AsyncThreads {
  /** The prefix of every thread the SDK creates for async work (tests and thread dumps look for it). */
  public static final String PREFIX = "nexttoken-http-";

  private static final VirtualThreads VIRTUAL = VirtualThreads.find();

  private AsyncThreads() {}

  /** Whether {@link #newExecutor()} runs tasks on virtual threads in this JVM. */
  public static boolean virtual() {
    return VIRTUAL != null;
  }

  /** A new executor for one client's async work; shut it down when that client closes. */
  public static ExecutorService newExecutor() {
    return VIRTUAL != null ? VIRTUAL.newExecutor(PREFIX + "virtual-") : newPlatformExecutor();
  }

  private static ExecutorService newPlatformExecutor() {
    // Daemon threads: an application that forgets close() must still be able to exit.
    AtomicInteger count = new AtomicInteger();
    return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
      Thread t = new Thread(r, PREFIX + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** {@code Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(prefix, 1).factory())}, by method handle. */
  private static final class VirtualThreads {
    private final MethodHandle ofVirtual;
    private final MethodHandle name;
    private final MethodHandle factory;
    private final MethodHandle perTaskExecutor;

    private VirtualThreads(MethodHandle ofVirtual, MethodHandle name, MethodHandle factory, MethodHandle perTaskExecutor) {
      this.ofVirtual = ofVirtual;
      this.name = name;
      this.factory = factory;
      this.perTaskExecutor = perTaskExecutor;
    }

    /** The handles, or null where virtual threads are missing or only a preview. */
    static VirtualThreads find() {
      if (Runtime.version().feature() < 21) {
        return null;
      }
      try {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        Class<?> builder = Class.forName("java.lang.Thread$Builder");
        Class<?> ofVirtualType = Class.forName("java.lang.Thread$Builder$OfVirtual");
        VirtualThreads found = new VirtualThreads(
            lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtualType)),
            lookup.findVirtual(builder, "name", MethodType.methodType(builder, String.class, long.class)),
            lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class)),
            lookup.findStatic(Executors.class, "newThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class, ThreadFactory.class)));
        found.newExecutor(PREFIX + "probe-").shutdown(); // fails here, once, rather than in a client's constructor
        return found;
      } catch (Throwable unavailable) {
        // A JVM that hides or refuses the API (a restricted runtime, say) keeps the platform threads.
        return null;
      }
    }

    ExecutorService newExecutor(String prefix) {
      try {
        // One factory per executor: its counter numbers that client's threads, as the platform pool does.
        Object named = name.invoke(ofVirtual.invoke(), prefix, 1L);
        return (ExecutorService) perTaskExecutor.invoke((ThreadFactory) factory.invoke(named));
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable impossible) {
        throw new IllegalStateException("creating a virtual-thread executor", impossible);
      }
    }
  }
}
