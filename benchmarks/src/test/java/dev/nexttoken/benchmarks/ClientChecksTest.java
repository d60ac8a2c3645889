package dev.nexttoken.benchmarks;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.benchmarks.clients.BenchClient;
import dev.nexttoken.benchmarks.clients.Check;
import dev.nexttoken.benchmarks.clients.Clients;
import dev.nexttoken.benchmarks.stub.StubServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The clients on the default classpath read the stub's answers and pass their checks, and each check
 * catches a changed logprob. (The peer SDKs' clients get the same proof from SelfCheck in run.sh.)
 */
class ClientChecksTest {
  private static StubServer stub;

  @BeforeAll
  static void start() throws Exception {
    stub = StubServer.start(0);
  }

  @AfterAll
  static void stop() throws Exception {
    stub.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"floor", "nexttoken"})
  void readsEveryCannedAnswer(String name) {
    try (BenchClient client = Clients.create(name, stub.baseUrl())) {
      client.chat();
      client.stream();
      client.responses();
      client.legacy();
      client.chat(); // a second call on the kept-alive connection
      client.responses();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"floor", "nexttoken"})
  void catchesAChangedLogprobInEveryCall(String name) {
    try (BenchClient client = Clients.create(name, stub.baseUrl().replace("/v1", "/corrupt/v1"))) {
      assertThrows(Check.MismatchException.class, client::chat);
      assertThrows(Check.MismatchException.class, client::stream);
      assertThrows(Check.MismatchException.class, client::responses);
      assertThrows(Check.MismatchException.class, client::legacy);
    }
  }

  @org.junit.jupiter.api.Test
  void theCeilingReadsAChunkedStreamToItsEndAndKeepsTheConnection() {
    try (BenchClient raw = Clients.create("raw", stub.baseUrl())) {
      raw.stream();
      raw.chat(); // would read the stream's leftovers as a status line if the last chunk were not consumed
      raw.stream();
      raw.responses();
      raw.chat();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"floor", "nexttoken", "raw"})
  void everyClientHereOffersTheResponsesStream(String name) {
    try (BenchClient client = Clients.create(name, stub.baseUrl())) {
      assertTrue(client.hasResponses());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"floor", "nexttoken", "raw"})
  void unknownRouteFails(String name) {
    try (BenchClient client = Clients.create(name, stub.baseUrl().replace("/v1", "/v2/nothing"))) {
      assertThrows(RuntimeException.class, client::chat);
    }
  }
}
