package dev.nexttoken.benchmarks;

import dev.nexttoken.benchmarks.clients.BenchClient;
import dev.nexttoken.benchmarks.clients.Clients;

/**
 * A fresh JVM's first call: creates the named client, makes one checked chat call and exits.
 * {@link BenchmarkSuite} times the whole process, start to exit, on the client's own classpath.
 * Usage: {@code ColdStart <client> <baseUrl>}.
 */
public final class ColdStart {
  private ColdStart() {}

  public static void main(String[] args) {
    BenchClient client = Clients.create(args[0], args[1]);
    client.chat();
    client.close();
    // Some clients leave non-daemon threads (HTTP pools) behind; the user's program would end here.
    System.exit(0);
  }
}
