package dev.nexttoken.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexttoken.Completion;
import dev.nexttoken.FinishReason;
import dev.nexttoken.Usage;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rows of a comparison are aligned by the character offset at which each provider's token starts. */
class ComparisonViewTest {
  private static Completion completion(String... tokens) {
    List<TokenLogprob> logprobs = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (String token : tokens) {
      double logprob = -0.1 * (logprobs.size() + 1);
      logprobs.add(new TokenLogprob(token, null, null, logprob, List.of(new TokenCandidate(token, null, null, logprob))));
      text.append(token);
    }
    return new Completion(text.toString(), FinishReason.of(FinishReason.Kind.LENGTH, "length"), Usage.of(4, tokens.length),
        "m", null, logprobs, null);
  }

  private final ComparisonView view = new ComparisonView("Weights and Biases is", List.of(
      ProviderResult.success("whole", completion(" the", " machine", " learning"), 12),
      ProviderResult.success("split", completion(" the", " mach", "ine", " learning"), 34),
      ProviderResult.failure("broken", "broken: HTTP 500 boom", 5)));

  @Test
  void tokensStartingAtTheSameOffsetShareARowAndTheRestGetTheirOwn() throws Exception {
    JsonNode json = new ObjectMapper().readTree(view.json());

    JsonNode rows = json.get("rows");
    List<Integer> offsets = new ArrayList<>();
    rows.forEach(r -> offsets.add(r.get("offset").asInt()));
    assertEquals(List.of(0, 4, 9, 12), offsets);
    assertEquals(" machine", rows.get(1).get("cells").get("whole").get("token").asText());
    assertEquals(" mach", rows.get(1).get("cells").get("split").get("token").asText());
    assertEquals("ine", rows.get(2).get("cells").get("split").get("token").asText());
    assertTrue(rows.get(2).get("cells").get("whole") == null, "whole has no token starting at offset 9");
    assertEquals(" learning", rows.get(3).get("cells").get("whole").get("token").asText());
    assertEquals(3, rows.get(3).get("cells").get("split").get("position").asInt());
    assertEquals(Math.exp(-0.4), rows.get(3).get("cells").get("split").get("prob").asDouble(), 1e-12);
  }

  @Test
  void eachProviderKeepsItsOwnAnswerOrError() throws Exception {
    JsonNode providers = new ObjectMapper().readTree(view.json()).get("providers");

    assertEquals(" the machine learning", providers.get(0).get("text").asText());
    assertEquals(12, providers.get(0).get("latencyMs").asInt());
    assertTrue(providers.get(0).get("error").isNull());
    assertEquals(4, providers.get(1).get("tokens").size());
    assertEquals("broken: HTTP 500 boom", providers.get(2).get("error").asText());
    assertTrue(providers.get(2).get("text") == null);
  }

  @Test
  void theTableShowsTheSplitTokenOnARowOfItsOwn() {
    List<String> lines = view.table().lines().toList();

    String row9 = lines.stream().filter(l -> l.startsWith("9 ")).findFirst().orElseThrow(() -> new AssertionError(view.table()));
    String[] cells = row9.split("\\|");
    assertEquals("", cells[1].strip(), "whole: nothing starts at offset 9");
    assertTrue(cells[2].strip().startsWith("\"ine\""), row9);
    String row4 = lines.stream().filter(l -> l.startsWith("4 ")).findFirst().orElseThrow();
    assertTrue(row4.split("\\|")[1].contains("\" machine\""), row4);
    assertTrue(row4.split("\\|")[2].contains("\" mach\""), row4);
    assertTrue(view.table().contains("error (broken): broken: HTTP 500 boom"), view.table());
  }
}
