package dev.nexttoken.openai.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexttoken.spi.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written request bodies: every field under its wire name, nulls left out, text escaped. */
class RequestBodyTest {
  private static String write(Object body) {
    return new String(Json.write(body), StandardCharsets.UTF_8);
  }

  @Test
  void writesEveryChatFieldUnderItsWireName() {
    ChatBody body = new ChatBody("gpt-4o-mini", List.of(new ChatBody.Message("user", "say \"hi\"\n\u00e9")),
        5, null, 0.5, 0.9, List.of("\n", "END"), 7L, true, 3, true, StreamOptions.INCLUDE_USAGE);
    assertEquals("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"say \\\"hi\\\"\\n\u00e9\"}],"
        + "\"max_completion_tokens\":5,\"temperature\":0.5,\"top_p\":0.9,\"stop\":[\"\\n\",\"END\"],\"seed\":7,"
        + "\"logprobs\":true,\"top_logprobs\":3,\"stream\":true,\"stream_options\":{\"include_usage\":true}}", write(body));
  }

  @Test
  void leavesOutWhatIsNotSet() {
    ChatBody chat = new ChatBody(null, List.of(), null, 16, null, null, null, null, null, null, null, null);
    assertEquals("{\"messages\":[],\"max_tokens\":16}", write(chat));
    CompletionBody completion = new CompletionBody(null, "Hi", null, null, null, null, null, null, false, null, null);
    assertEquals("{\"prompt\":\"Hi\",\"echo\":false}", write(completion));
  }

  @Test
  void writesEveryCompletionFieldUnderItsWireName() {
    CompletionBody body = new CompletionBody("gpt-3.5-turbo-instruct", "Once", 0, 1.0, 0.5, List.of("."), -1L, 5, true, true,
        StreamOptions.INCLUDE_USAGE);
    assertEquals("{\"model\":\"gpt-3.5-turbo-instruct\",\"prompt\":\"Once\",\"max_tokens\":0,\"temperature\":1.0,\"top_p\":0.5,"
        + "\"stop\":[\".\"],\"seed\":-1,\"logprobs\":5,\"echo\":true,\"stream\":true,\"stream_options\":{\"include_usage\":true}}", write(body));
  }
}
