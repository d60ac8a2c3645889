package dev.nexttoken.wire.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexttoken.spi.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written chat body: every field under its wire name, nulls left out, text escaped. */
class ChatBodyTest {
  private static String write(Object body) {
    return new String(Json.write(body), StandardCharsets.UTF_8);
  }

  @Test
  void writesEveryChatFieldUnderItsWireName() {
    ChatBody body = new ChatBody("gpt-4o-mini", List.of(new ChatBody.Message("user", "say \"hi\"\n\u00e9")),
        5, null, 0.5, null, 0.9, List.of("\n", "END"), 7L, true, 3, null, true, StreamOptions.INCLUDE_USAGE, null, null, null, null);
    assertEquals("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"say \\\"hi\\\"\\n\u00e9\"}],"
        + "\"max_completion_tokens\":5,\"temperature\":0.5,\"top_p\":0.9,\"stop\":[\"\\n\",\"END\"],\"seed\":7,"
        + "\"logprobs\":true,\"top_logprobs\":3,\"stream\":true,\"stream_options\":{\"include_usage\":true}}", write(body));
  }

  @Test
  void writesLlamaCppsOwnFieldsUnderTheirWireNames() {
    ChatBody body = new ChatBody(null, List.of(), null, 2, null, 5, null, null, null, true, 1, true, false, null, true, null, null, null);
    assertEquals("{\"messages\":[],\"max_tokens\":2,\"top_k\":5,\"logprobs\":true,\"top_logprobs\":1,"
        + "\"post_sampling_probs\":true,\"stream\":false,\"cache_prompt\":true}", write(body));
  }

  @Test
  void leavesOutWhatIsNotSet() {
    ChatBody chat = new ChatBody(null, List.of(), null, 16, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    assertEquals("{\"messages\":[],\"max_tokens\":16}", write(chat));
  }

  @Test
  void writesVllmsTokenIdFlagUnderItsWireName() {
    ChatBody body = new ChatBody(null, List.of(), null, 2, null, 40, null, null, null, true, 0, null, null, null, null, true, null, null);
    assertEquals("{\"messages\":[],\"max_tokens\":2,\"top_k\":40,\"logprobs\":true,\"top_logprobs\":0,"
        + "\"return_tokens_as_token_ids\":true}", write(body));
  }
}
