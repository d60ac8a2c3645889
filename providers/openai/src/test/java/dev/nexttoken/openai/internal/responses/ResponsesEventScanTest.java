package dev.nexttoken.openai.internal.responses;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * A text delta's fast path against the parser path it stands in for: the same event read from its
 * bytes (scanned) and from text (parsed) by two mappers in step gives the same chunk, or the same
 * failure, for every event of every Responses stream fixture and for mutated deltas.
 */
class ResponsesEventScanTest {
  private static final Path FIXTURES = Path.of("src/test/resources/fixtures/openai/responses");
  private static final List<LogprobsOption> OPTIONS = List.of(LogprobsOption.top(5), LogprobsOption.top(1), LogprobsOption.chosenToken(),
      LogprobsOption.NONE);
  private static final String DELTA = "{\"type\":\"response.output_text.delta\",\"sequence_number\":5,\"item_id\":\"msg_1\",\"output_index\":1,"
      + "\"content_index\":0,\"delta\":\" caf\\u00e9\",\"logprobs\":[{\"token\":\" caf\u00e9\",\"logprob\":-0.31725305,\"top_logprobs\":["
      + "{\"token\":\" caf\u00e9\",\"logprob\":-0.31725305},{\"token\":\" tea\",\"logprob\":-1.5e-3,\"bytes\":[32,116,101,97]},"
      + "{\"token\":\"x\",\"logprob\":null},{\"token\":\" z\",\"logprob\":-9999}]}],\"obfuscation\":\"abc\"}";

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
  void mutatedDeltasAreNeverReadDifferently() {
    Random random = new Random(7);
    byte[] base = DELTA.getBytes(UTF_8);
    byte[] alphabet = "\"\\,:{}[]09-.e nu".getBytes(UTF_8);
    int fast = 0;
    for (int i = 0; i < 4_000; i++) {
      byte[] mutant = base.clone();
      mutant[random.nextInt(mutant.length)] = random.nextInt(5) == 0 ? (byte) (0x80 + random.nextInt(0x80)) : alphabet[random.nextInt(alphabet.length)];
      String text = new String(mutant, UTF_8);
      if (!java.util.Arrays.equals(text.getBytes(UTF_8), mutant)) {
        continue; // not valid UTF-8: text and bytes would not be the same event
      }
      fast += compare(List.of(new Event(null, text)), OPTIONS.get(i % OPTIONS.size()));
    }
    assertTrue(fast > 500, fast + " mutants scanned"); // the check is not vacuous
  }
}
