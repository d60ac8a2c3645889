package dev.nexttoken.cohere;

import static dev.nexttoken.cohere.CohereTestSupport.body;
import static dev.nexttoken.cohere.CohereTestSupport.json;
import static dev.nexttoken.cohere.CohereTestSupport.sse;
import static dev.nexttoken.cohere.CohereTestSupport.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The opt-in {@code tokenTexts(true)}: each id of a multi-id logprob item gets its own text from {@code /v1/detokenize}. */
class CohereTokenTextsTest {
  private static final ChatRequest REQUEST = ChatRequest.builder().model("command-a-03-2025").user("Capital of France?").topLogprobs(0).build();

  private final List<RecordedRequest> detokenized = new CopyOnWriteArrayList<>();
  private MockWebServer server;
  private CohereModel model;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getUrl().encodedPath().equals("/v1/detokenize")) {
          detokenized.add(request);
          return json("detokenize/" + body(request).get("tokens").get(0).asInt() + ".json");
        }
        return "true".equals(String.valueOf(body(request).get("stream"))) ? sse("chat/logprobs.sse") : json("chat/logprobs.json");
      }
    });
    server.start();
    model = CohereTestSupport.builder(server).tokenTexts(true).build();
  }

  @AfterEach
  void stop() {
    model.close();
    server.close();
  }

  @Test
  void multiIdItemsGetEachIdsOwnTextAndSingleIdItemsCostNoRequest() {
    List<TokenLogprob> tokens = model.chat(REQUEST).logprobs();

    assertEquals(new TokenLogprob(" s", null, 4598, -0.25, null), tokens.get(3));
    assertEquals(new TokenLogprob("ûr", null, 3074, -0.0007, null), tokens.get(4));
    assertEquals(new TokenLogprob("Paris", null, 41521, -0.0031, null), tokens.get(0));
    assertEquals(List.of(tree("{'tokens':[4598],'model':'command-a-03-2025'}"), tree("{'tokens':[3074],'model':'command-a-03-2025'}")),
        detokenized.stream().map(CohereTestSupport::body).toList());
    assertEquals("Bearer " + CohereTestSupport.KEY, detokenized.get(0).getHeaders().get("Authorization"));
  }

  @Test
  void idsAreCachedPerModelAndTheStreamGetsTheSameTexts() {
    Completion whole = model.chat(REQUEST);
    Completion again = model.chat(REQUEST);
    Completion collected;
    try (CompletionStream stream = model.chatStreaming(REQUEST)) {
      collected = stream.collect();
    }
    assertEquals(whole, again);
    assertEquals(whole, collected);
    assertEquals(2, detokenized.size(), "each id is looked up once per model");

    model.chat(ChatRequest.builder().options(REQUEST.options()).model("command-r-08-2024").user("Capital of France?").build());
    assertEquals(4, detokenized.size(), "another model has another tokenizer");
  }
}
