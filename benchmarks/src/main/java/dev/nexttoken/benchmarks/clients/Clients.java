package dev.nexttoken.benchmarks.clients;

import java.util.List;
import java.util.Map;

/**
 * Creates a client by name, by reflection: each client runs on its own runtime classpath (the one its
 * users get), so no class here may link to another client's library.
 */
public final class Clients {
  /** The clients compared, floor first. */
  public static final List<String> COMPARED = List.of("floor", "nexttoken", "openai-java", "langchain4j");

  private static final Map<String, String> CLASSES = Map.of(
      "floor", "dev.nexttoken.benchmarks.clients.FloorClient",
      "nexttoken", "dev.nexttoken.benchmarks.clients.NextTokenClient",
      "raw", "dev.nexttoken.benchmarks.clients.RawClient",
      "openai-java", "dev.nexttoken.benchmarks.peers.OpenAiJavaClient",
      "langchain4j", "dev.nexttoken.benchmarks.peers.LangChain4jClient");

  private Clients() {}

  /**
   * A client named {@code name} talking to {@code baseUrl} (everything up to and including {@code /v1}).
   * {@code nexttoken@<sha>} is the nexttoken client again, as compiled against that commit's jars: the
   * part after {@code @} only tells the runs apart, the classpath (run.sh) decides which code it is.
   */
  public static BenchClient create(String name, String baseUrl) {
    int at = name.indexOf('@');
    String className = CLASSES.get(at < 0 ? name : name.substring(0, at));
    if (className == null) {
      throw new IllegalArgumentException("unknown client " + name + "; known: " + CLASSES.keySet());
    }
    try {
      return (BenchClient) Class.forName(className).getConstructor(String.class).newInstance(baseUrl);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create client " + name + " (is its library on the classpath?)", e);
    }
  }
}
