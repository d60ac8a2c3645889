package dev.nexttoken.openai.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexttoken.LogitBias;
import dev.nexttoken.spi.Json;
import dev.nexttoken.wire.openai.StreamOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-written completion bodies (chat's are the shared wire's, {@code ChatBodyTest}): every field under its wire name, nulls left out. */
class RequestBodyTest {
  private static String write(Object body) {
    return new String(Json.write(body), StandardCharsets.UTF_8);
  }

  @Test
  void leavesOutWhatIsNotSet() {
    CompletionBody completion = new CompletionBody(null, "Hi", null, null, null, null, null, null, null, null, false, null, null, null, null, null);
    assertEquals("{\"prompt\":\"Hi\",\"echo\":false}", write(completion));
  }

  @Test
  void writesEveryCompletionFieldUnderItsWireName() {
    CompletionBody body = new CompletionBody("gpt-3.5-turbo-instruct", "Once", 0, 1.0, 0.5, 40, List.of("."), -1L, 5, 3, true, true, true,
        StreamOptions.INCLUDE_USAGE, 3, LogitBias.ofTokenIds(Map.of(50256, -100.0)));
    assertEquals("{\"model\":\"gpt-3.5-turbo-instruct\",\"prompt\":\"Once\",\"max_tokens\":0,\"temperature\":1.0,\"top_p\":0.5,"
        + "\"top_k\":40,\"stop\":[\".\"],\"seed\":-1,\"logprobs\":5,\"prompt_logprobs\":3,\"echo\":true,"
        + "\"return_tokens_as_token_ids\":true,\"stream\":true,\"stream_options\":{\"include_usage\":true},"
        + "\"n\":3,\"logit_bias\":{\"50256\":-100.0}}", write(body));
  }
}
