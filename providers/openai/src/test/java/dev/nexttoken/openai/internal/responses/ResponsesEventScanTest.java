package dev.nexttoken.openai.internal.responses;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.LogprobsOption;
import dev.nexttoken.spi.StreamEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The fast path (text deltas and closing events) against the parser path it stands in for: the same
 * event read from its bytes (scanned) and from text (parsed) by two mappers in step gives the same
 * chunk, or the same failure, for every event of every Responses stream fixture and for mutated
 * deltas and closing events.
 */
class ResponsesEventScanTest {
  private static final Path FIXTURES = Path.of("src/test/resources/fixtures/openai/responses");
  private static final List<LogprobsOption> OPTIONS = List.of(LogprobsOption.top(5), LogprobsOption.top(1), LogprobsOption.chosenToken(),
      LogprobsOption.NONE);
  private static final String DELTA = "{\"type\":\"response.output_text.delta\",\"sequence_number\":5,\"item_id\":\"msg_1\",\"output_index\":1,"
      + "\"content_index\":0,\"delta\":\" caf\\u00e9\",\"logprobs\":[{\"token\":\" caf\u00e9\",\"logprob\":-0.31725305,\"top_logprobs\":["
      + "{\"token\":\" caf\u00e9\",\"logprob\":-0.31725305},{\"token\":\" tea\",\"logprob\":-1.5e-3,\"bytes\":[32,116,101,97]},"
      + "{\"token\":\"x\",\"logprob\":null},{\"token\":\" z\",\"logprob\":-9999}]}],\"obfuscation\":\"abc\"}";

  /** A closing event with every member the scan reads, and output items of each kind it passes over. */
  private static final String COMPLETED = "{\"type\":\"response.completed\",\"sequence_number\":9,\"response\":{\"id\":\"resp_1\","
      + "\"object\":\"response\",\"created_at\":1741476542,\"status\":\"completed\",\"error\":null,\"incomplete_details\":null,"
      + "\"model\":\"gpt-4.1-mini\",\"output\":[{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[{\"type\":\"summary_text\","
      + "\"text\":\"Think.\"}]},null,{\"id\":\"msg_1\",\"type\":\"message\",\"status\":\"completed\",\"role\":\"assistant\","
      + "\"name\":null,\"content\":[{\"type\":\"output_text\",\"text\":\" caf\\u00e9\",\"annotations\":[],\"logprobs\":[{\"token\":"
      + "\" caf\u00e9\",\"logprob\":-0.31725305,\"bytes\":[32,99,97,102,195,169],\"top_logprobs\":[{\"token\":\" tea\",\"logprob\":-1.5e-3,"
      + "\"bytes\":[32,116,101,97]},{\"token\":\" z\",\"logprob\":-9999}]}]}]}],\"parallel_tool_calls\":true,\"temperature\":1.0,"
      + "\"text\":{\"format\":{\"type\":\"text\"}},\"metadata\":{},\"usage\":{\"input_tokens\":19,\"input_tokens_details\":"
      + "{\"cached_tokens\":3},\"output_tokens\":2,\"output_tokens_details\":{\"reasoning_tokens\":1},\"total_tokens\":21}}}";

  private record Event(String name, String data) {}

  private static List<List<Event>> fixtureStreams() throws IOException {
    List<List<Event>> streams = new ArrayList<>();
    try (Stream<Path> files = Files.list(FIXTURES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".sse")).sorted().toList()) {
        List<Event> events = new ArrayList<>();
        String name = null;
        for (String line : Files.readAllLines(file, UTF_8)) {
          if (line.startsWith("event: ")) {
            name = line.substring(7);
          } else if (line.startsWith("data: ")) {
            events.add(new Event(name, line.substring(6)));
            name = null;
          }
        }
        streams.add(events);
      }
    }
    return streams;
  }

  /** What a mapper makes of the event: the chunk, or the failure's class. */
  private static Object map(ResponsesEventMapper mapper, StreamEvent event) {
    try {
      return mapper.map(event);
    } catch (RuntimeException e) {
      return e.getClass();
    }
  }

  /** Both paths over one stream, event by event; how many deltas the fast path read itself. */
  private static int compare(List<Event> events, LogprobsOption option) {
    ResponsesEventMapper scanned = new ResponsesEventMapper("openai", option);
    ResponsesEventMapper parsed = new ResponsesEventMapper("openai", option);
    int fast = 0;
    for (Event e : events) {
      byte[] utf8 = e.data().getBytes(UTF_8);
      if (ResponsesEventMapper.scans(utf8, option)) {
        fast++;
      }
      Object fromBytes = map(scanned, StreamEvent.ofUtf8(e.name(), utf8, null));
      Object fromText = map(parsed, new StreamEvent(e.name(), e.data(), null));
      assertEquals(fromText, fromBytes, e.data());
      if (fromText instanceof Class) {
        break; // the stream ended there, on both paths
      }
    }
    return fast;
  }

  @Test
  void everyFixtureStreamMapsAsTheParserMapsIt() throws IOException {
    int fast = 0;
    for (List<Event> stream : fixtureStreams()) {
      for (LogprobsOption option : OPTIONS) {
        fast += compare(stream, option);
      }
    }
    assertTrue(fast > 0, "the fixtures' text deltas are read by the fast path");
  }

  @Test
  void aDeltaWithEveryFieldIsScannedAndMapsAsParsed() {
    for (LogprobsOption option : OPTIONS) {
      assertTrue(ResponsesEventMapper.scans(DELTA.getBytes(UTF_8), option), option::toString);
      assertEquals(1, compare(List.of(new Event(null, DELTA)), option));
    }
  }

  @Test
  void aClosingEventIsScannedAndMapsAsParsed() {
    for (LogprobsOption option : OPTIONS) {
      assertTrue(ResponsesEventMapper.scans(COMPLETED.getBytes(UTF_8), option), option::toString);
      assertEquals(1, compare(List.of(new Event("response.completed", COMPLETED)), option));
    }
    String call = COMPLETED.replace("{\"type\":\"reasoning\"", "{\"type\":\"function_call\",\"call_id\":\"c1\",\"name\":\"f\",\"arguments\":{\"a\":1}},"
        + "{\"type\":\"reasoning\"");
    assertFalse(ResponsesEventMapper.scans(call.getBytes(UTF_8), LogprobsOption.NONE), "a function call is the parser path's");
    assertEquals(0, compare(List.of(new Event("response.completed", call)), LogprobsOption.NONE));
  }

  @Test
  void everyFixtureClosingEventIsScanned() throws IOException {
    int closing = 0;
    int scanned = 0;
    for (List<Event> stream : fixtureStreams()) {
      for (Event e : stream) {
        if (e.data().startsWith("{\"type\":\"response.completed\"") || e.data().startsWith("{\"type\":\"response.incomplete\"")) {
          closing++;
          boolean calls = e.data().contains("\"type\":\"function_call\"");
          assertEquals(!calls, ResponsesEventMapper.scans(e.data().getBytes(UTF_8), LogprobsOption.top(5)), e.data());
          scanned += calls ? 0 : 1;
        }
      }
    }
    assertTrue(closing >= 8 && scanned >= 6, closing + " closing events, " + scanned + " scanned");
  }

  @Test
  void mutatedClosingEventsAreNeverReadDifferently() {
    assertTrue(mutants(COMPLETED, 4_000, 11) > 500, "the check is not vacuous");
  }

  @Test
  void mutatedDeltasAreNeverReadDifferently() {
    assertTrue(mutants(DELTA, 4_000, 7) > 500, "the check is not vacuous");
  }

  /** Mutants of {@code document} (one byte changed each) through both paths; how many the fast path read. */
  private static int mutants(String document, int count, long seed) {
    Random random = new Random(seed);
    byte[] base = document.getBytes(UTF_8);
    byte[] alphabet = "\"\\,:{}[]09-.e nu".getBytes(UTF_8);
    int fast = 0;
    for (int i = 0; i < count; i++) {
      byte[] mutant = base.clone();
      mutant[random.nextInt(mutant.length)] = random.nextInt(5) == 0 ? (byte) (0x80 + random.nextInt(0x80)) : alphabet[random.nextInt(alphabet.length)];
      String text = new String(mutant, UTF_8);
      if (!java.util.Arrays.equals(text.getBytes(UTF_8), mutant)) {
        continue; // not valid UTF-8: text and bytes would not be the same event
      }
      fast += compare(List.of(new Event(null, text)), OPTIONS.get(i % OPTIONS.size()));
    }
    return fast;
  }
}
