package dev.nexttoken.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.FinishReason;
import dev.nexttoken.error.MalformedResponseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Events that carry several choices ({@link EventMapper#mapAll}): each becomes its own chunk, in
 * order, and the stream is whole only when every choice said why it stopped.
 */
@Timeout(30)
class SeveralChoicesStreamTest {
  private MockWebServer server;
  private HttpTransport transport;

  /** Lines of {@code [{"c": choice, "t": text, "f": finish or null}, …]}: one chunk per element. */
  private static final EventMapper MAPPER = new EventMapper() {
    @Override
    public Chunk map(StreamEvent event) {
      throw new AssertionError("the stream reads mapAll");
    }

    @Override
    public List<Chunk> mapAll(StreamEvent event) {
      List<Chunk> out = new ArrayList<>();
      for (JsonNode c : Json.readTreeOrNull(event.data().getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
        FinishReason finish = c.get("f").isNull() ? null : FinishReason.of(FinishReason.Kind.STOP, c.get("f").asText());
        out.add(new Chunk(c.get("t").asText(), null, finish, null, null, null, Map.of()).forChoice(c.get("c").asInt()));
      }
      return out;
    }
  };

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    transport = TestTransports.transport(server).build();
  }

  @AfterEach
  void stop() {
    transport.close();
    server.close();
  }

  private CompletionStream stream(String lines) {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/x-ndjson").body(lines).build());
    return transport.openStream("chat", Map.of("stream", true), HttpTransport.Framing.NDJSON, MAPPER);
  }

  @Test
  void oneEventWithTwoChoicesGivesTwoChunksAndTwoChoices() {
    try (CompletionStream s = stream("[{\"c\":0,\"t\":\"A\",\"f\":null},{\"c\":1,\"t\":\"B\",\"f\":null}]\n"
        + "[{\"c\":1,\"t\":\"b\",\"f\":\"stop\"},{\"c\":0,\"t\":\"a\",\"f\":\"stop\"}]\n")) {
      Completion all = s.collect();
      assertEquals("Aa", all.text());
      assertEquals("Bb", all.otherChoices().get(0).text());
    }
  }

  @Test
  void aStreamCutAfterOnlyTheFirstChoiceFinishedIsCutShort() {
    try (CompletionStream s = stream("[{\"c\":0,\"t\":\"A\",\"f\":null},{\"c\":1,\"t\":\"B\",\"f\":null}]\n"
        + "[{\"c\":0,\"t\":\"a\",\"f\":\"stop\"}]\n")) {
      MalformedResponseException e = assertThrows(MalformedResponseException.class, s::collect);
      assertTrue(e.getMessage().contains("ended before the server reported why it stopped"), e::getMessage);
    }
  }
}
