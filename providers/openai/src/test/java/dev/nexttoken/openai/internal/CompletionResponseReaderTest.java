package dev.nexttoken.openai.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.spi.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The legacy completion's scan against databind, which it stands in for: the same records on every
 * answer and stream chunk of the fixtures and on the shapes below, databind's answer where it gives
 * up, and never a different reading of a mutated document.
 */
class CompletionResponseReaderTest {
  private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

  /** Shapes beyond the fixtures: escaped and repeated tokens in the map, nulls where the wire has them. */
  private static final List<String> READ_FAST = List.of(
      "{\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"created\":1,\"model\":\"gpt-3.5-turbo-instruct\",\"choices\":[{\"text\":\"\\n\\nHi\","
          + "\"index\":0,\"logprobs\":{\"tokens\":[\"\\n\",\"\\n\",\"Hi\"],\"token_logprobs\":[-0.5,null,-1.25e-05],\"top_logprobs\":[null,"
          + "{\"\\n\":-0.1,\" \\u00e9\":-2.5,\"\\n\":-0.2,\"\u4e16\":-3},{\"Hi\":-1.25e-05}],\"text_offset\":[0,1,2]},\"finish_reason\":\"length\"}],"
          + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":3,\"total_tokens\":6,\"prompt_tokens_details\":{\"cached_tokens\":1,\"reasoning_tokens\":0},"
          + "\"completion_tokens_details\":{\"reasoning_tokens\":2,\"cached_tokens\":null}}}",
      "{\"choices\":[],\"usage\":null,\"system_fingerprint\":\"fp\"}",
      "{\"choices\":null,\"logprobs\":{\"tokens\":null}}",
      "{\"choices\":[{\"text\":\"a\",\"index\":null,\"logprobs\":null,\"prompt_logprobs\":null,\"prompt_token_ids\":null}]}");

  private static final List<String> LEFT_TO_DATABIND = List.of(
      "{\"choices\":[{\"text\":\"a\",\"logprobs\":{\"content\":[{\"token\":\"a\",\"logprob\":-1}]}}]}", // llama.cpp's entries
      "{\"choices\":[{\"text\":\"a\",\"prompt_logprobs\":[null,{\"1\":{\"logprob\":-1,\"rank\":1,\"decoded_token\":\"a\"}}]}]}", // vLLM
      "{\"choices\":[{\"text\":5,\"index\":\"1\"}]}", // scalars databind coerces
      "{\"choices\":[{\"logprobs\":{\"token_logprobs\":[\"-0.5\"],\"text_offset\":[null]}}]}",
      "{\"choices\":[null]}",
      "null");

  /** What databind reads, as a tree (records hold int[], which record equality compares by identity), or its failure. */
  private static Object databind(byte[] json) {
    try {
      CompletionResponse response = Json.read(json, CompletionResponse.class, "openai", "an OpenAI completion");
      return response == null ? null : tree(response);
    } catch (RuntimeException e) {
      return e.getClass();
    }
  }

  private static JsonNode tree(CompletionResponse response) {
    return Json.mapper().valueToTree(response);
  }

  /** The scan's answer, or null where it gave up. */
  private static CompletionResponse scanned(byte[] json) {
    try {
      return new CompletionResponseReader().scan(json, 0, json.length);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Every answer and stream chunk among the legacy fixtures (OpenAI's, llama.cpp's, vLLM's). */
  private static List<byte[]> fixtureDocuments() throws IOException {
    List<byte[]> docs = new ArrayList<>();
    for (String dir : List.of("openai/completions", "vllm/completions")) {
      try (Stream<Path> files = Files.list(FIXTURES.resolve(dir))) {
        for (Path file : files.sorted().toList()) {
          String name = file.getFileName().toString();
          if (name.startsWith("request-") || name.startsWith("error-")) {
            continue;
          }
          if (name.endsWith(".json")) {
            docs.add(Files.readAllBytes(file));
          } else if (name.endsWith(".sse")) {
            for (String line : Files.readAllLines(file, UTF_8)) {
              if (line.startsWith("data: {")) {
                docs.add(line.substring(6).getBytes(UTF_8));
              }
            }
          }
        }
      }
    }
    return docs;
  }

  @Test
  void everyFixtureReadsAsDatabindReadsIt() throws IOException {
    int scannedCount = 0;
    List<byte[]> docs = fixtureDocuments();
    for (byte[] json : docs) {
      CompletionResponse fast = scanned(json);
      if (fast != null) {
        scannedCount++;
        assertEquals(databind(json), tree(fast), new String(json, UTF_8));
      }
      // Through Json.read, scanned or not: databind's answer.
      assertEquals(databind(json), tree(Json.read(json, new CompletionResponseReader(), "openai", "an OpenAI completion")));
    }
    // OpenAI's own shapes are all scanned; llama.cpp's content entries and vLLM's prompt logprobs are databind's.
    assertTrue(scannedCount >= docs.size() / 2, scannedCount + " of " + docs.size() + " fixture documents scanned");
  }

  @Test
  void readsEveryCoveredShapeAsDatabindDoes() {
    for (String doc : READ_FAST) {
      byte[] json = doc.getBytes(UTF_8);
      CompletionResponse fast = scanned(json);
      assertNotNull(fast, doc);
      assertEquals(databind(json), tree(fast), doc);
    }
  }

  @Test
  void leavesTheRestToDatabind() {
    for (String doc : LEFT_TO_DATABIND) {
      byte[] json = doc.getBytes(UTF_8);
      assertNull(scanned(json), doc);
      Object actual;
      try {
        CompletionResponse response = Json.read(json, new CompletionResponseReader(), "openai", "an OpenAI completion");
        actual = response == null ? null : tree(response);
      } catch (RuntimeException e) {
        actual = e.getClass();
      }
      assertEquals(databind(json), actual, doc);
    }
  }

  @Test
  void mutatedDocumentsAreNeverReadDifferently() throws IOException {
    Random random = new Random(20);
    byte[] alphabet = "\"\\,:{}[]09-.eE nu\u0000".getBytes(UTF_8);
    List<byte[]> bases = new ArrayList<>(fixtureDocuments());
    for (String doc : READ_FAST) {
      bases.add(doc.getBytes(UTF_8));
    }
    int accepted = 0;
    int mutants = 0;
    for (byte[] base : bases) {
      for (int i = 0; i < 400; i++) {
        byte[] mutant = base.clone();
        int at = random.nextInt(mutant.length);
        mutant[at] = random.nextInt(4) == 0 ? (byte) (0x80 + random.nextInt(0x80)) : alphabet[random.nextInt(alphabet.length)];
        mutants++;
        CompletionResponse fast = scanned(mutant);
        if (fast == null) {
          continue;
        }
        accepted++;
        Object expected = databind(mutant);
        if (!tree(fast).equals(expected)) {
          fail("the scan read " + new String(mutant, UTF_8) + "\nas " + tree(fast) + "\nwhere databind gives " + expected);
        }
      }
    }
    assertTrue(accepted > mutants / 5, accepted + " of " + mutants);
  }
}
