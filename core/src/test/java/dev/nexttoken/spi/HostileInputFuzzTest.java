package dev.nexttoken.spi;

import dev.nexttoken.internal.ProviderError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.contract.FakeProviderFixtures;
import dev.nexttoken.contract.Fuzzer;
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.error.StreamTooLargeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SSE and NDJSON readers and the JSON layer against seeded hostile input: only the SDK's
 * documented exceptions escape, never a raw Jackson exception or a {@link StackOverflowError}, and
 * a reader never holds more than its bound.
 */
class HostileInputFuzzTest {
  private static final long MAX_EVENT = 64 * 1024;
  private static final String SSE = FakeProviderFixtures.fixture("fixtures/fake/complete/hello.sse");
  private static final String JSON = FakeProviderFixtures.fixture("fixtures/fake/complete/hello.json");

  /** Something to bind JSON to, with the shapes providers use: nested lists, numbers, text. */
  record Target(String id, String text, List<Map<String, Object>> logprobs, double score, long count, Target next) {}

  @Test
  void serverSentEventReaderThrowsOnlyTooLargeAndKeepsEachEventWithinItsBound() throws IOException {
    Fuzzer fuzzer = new Fuzzer(Fuzzer.seed(), List.of(bytes(SSE), bytes(SSE.replace("\n", "\r\n")), bytes(SSE.replace("\n", "\r"))));
    for (int i = 0; i < Fuzzer.cases() * 4; i++) {
      byte[] input = fuzzer.next(doc -> "data: " + doc + "\n\n");
      ServerSentEventReader reader = new ServerSentEventReader(new Buffer().write(input), MAX_EVENT, "fake");
      try {
        StreamEvent event;
        while ((event = reader.next()) != null) {
          int size = event.data().getBytes(StandardCharsets.UTF_8).length;
          int caseIndex = i;
          // Each data line is bounded, plus one '\n' joining each pair; invalid UTF-8 becomes U+FFFD (3 bytes each).
          assertTrue(size <= MAX_EVENT * 3, () -> "case " + caseIndex + ": an event of " + size + " bytes passed a bound of " + MAX_EVENT);
        }
      } catch (StreamTooLargeException expected) {
        assertEquals("fake", expected.provider());
      } catch (RuntimeException | Error escaped) {
        fail("case " + i + " (seed " + Fuzzer.seed() + ") let " + escaped + " escape", escaped);
      }
    }
  }

  @Test
  void ndjsonReaderThrowsOnlyTooLarge() throws IOException {
    Fuzzer fuzzer = new Fuzzer(Fuzzer.seed(), List.of(bytes(JSON.replace("\n", "") + "\n" + JSON.replace("\n", "") + "\n")));
    for (int i = 0; i < Fuzzer.cases() * 2; i++) {
      NdjsonReader reader = new NdjsonReader(new Buffer().write(fuzzer.next(doc -> doc + "\n")), MAX_EVENT, "fake");
      try {
        while (reader.next() != null) {
          // drained
        }
      } catch (StreamTooLargeException expected) {
        // the documented outcome of an endless line
      } catch (RuntimeException | Error escaped) {
        fail("case " + i + " (seed " + Fuzzer.seed() + ") let " + escaped + " escape", escaped);
      }
    }
  }

  @Test
  void jsonLayerThrowsOnlyMalformedResponse() {
    Fuzzer fuzzer = new Fuzzer(Fuzzer.seed(), List.of(bytes(JSON), bytes("{\"id\":\"a\",\"text\":\"b\",\"score\":-0.5,\"count\":3,\"next\":{\"id\":\"c\"}}")));
    for (int i = 0; i < Fuzzer.cases() * 4; i++) {
      byte[] input = fuzzer.next(doc -> doc);
      try {
        Json.read(input, Target.class, "fake", "a target");
      } catch (MalformedResponseException expected) {
        // the documented outcome
      } catch (RuntimeException | Error escaped) {
        fail("case " + i + " (seed " + Fuzzer.seed() + ") let " + escaped + " escape from Json.read", escaped);
      }
      try {
        Json.readTreeOrNull(input);
        ProviderError.parse(input, Json.readTreeOrNull(input));
      } catch (RuntimeException | Error escaped) {
        fail("case " + i + " (seed " + Fuzzer.seed() + ") let " + escaped + " escape from a never-failing reader", escaped);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"[", "{\"a\":", "{\"next\":"})
  void deepNestingIsRejectedWithoutStackOverflow(String opener) {
    String hostile = opener.repeat(100_000);

    MalformedResponseException e = assertThrows(MalformedResponseException.class, () -> Json.read(bytes(hostile), Target.class, "fake", "a target"));

    assertTrue(opener.equals("[") || e.getMessage().contains("nesting depth"), e::getMessage);
    assertEquals(null, Json.readTreeOrNull(bytes(hostile)));
  }

  @Test
  void hugeNumbersAreRejectedOrReadWithoutEscaping() {
    for (String number : List.of("1e400", "-1e400", "1234567890123456789012345678901234567890", "9".repeat(5000), "NaN", "Infinity")) {
      String body = "{\"score\":" + number + ",\"count\":" + number + "}";
      try {
        Json.read(bytes(body), Target.class, "fake", "a target");
      } catch (MalformedResponseException expected) {
        // a count too large for a long, a number too long to read, or non-standard NaN
      }
      JsonNode tree = Json.readTreeOrNull(bytes(body));
      if (tree != null) {
        assertTrue(tree.isObject());
      }
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
