package dev.nexttoken.benchmarks;

import dev.nexttoken.benchmarks.clients.BenchClient;
import dev.nexttoken.benchmarks.clients.FloorClient;
import dev.nexttoken.benchmarks.clients.NextTokenClient;
import dev.nexttoken.benchmarks.stub.Canned;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The client's own work on a stream with no network and no stub: an OkHttp interceptor answers every
 * call with the canned 2,000-chunk stream from memory, so the floor and nexttoken are timed on one
 * thread, on the same bytes, with nothing else running. What it leaves out (sockets, HTTP chunk
 * framing, the server) is what {@link ClientBenchmark#stream} measures; what it keeps (SSE framing,
 * JSON, mapping, the stream's bookkeeping, the checks) is what a profile of nexttoken can change,
 * and it moves far less between runs on a shared machine. Nanoseconds per chunk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class InMemoryStreamBenchmark {
  private static final String BASE_URL = "http://127.0.0.1:9/v1"; // never connected to

  @Param({"floor", "nexttoken"})
  public String client;

  private BenchClient calls;

  @Setup(Level.Trial)
  public void open() {
    byte[] body = Canned.chatStreamSse(false);
    MediaType sse = MediaType.get("text/event-stream; charset=utf-8");
    OkHttpClient http = new OkHttpClient.Builder()
        .addInterceptor(chain -> new Response.Builder().request(chain.request()).protocol(Protocol.HTTP_1_1).code(200)
            .message("OK").header("Content-Type", "text/event-stream; charset=utf-8").body(ResponseBody.create(body, sse)).build())
        .build();
    calls = client.equals("floor") ? new FloorClient(BASE_URL, http) : new NextTokenClient(BASE_URL, http);
  }

  @TearDown(Level.Trial)
  public void close() {
    calls.close();
  }

  /** One checked 2,000-chunk stream: time per chunk. */
  @Benchmark
  @OperationsPerInvocation(Canned.STREAM_CHUNKS)
  public void stream() {
    calls.stream();
  }
}
