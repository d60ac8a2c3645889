package dev.nexttoken.wire.openai;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nexttoken.LogprobsOption;
import dev.nexttoken.spi.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast path against the jackson-core reader it stands in for: on every document it reads, the
 * same answer; on the rest it gives up, and {@link Json#read(byte[], Json.Reader, String, String)}
 * answers as the reader does (or fails as it does). Thousands of mutated documents check that it
 * never accepts what the reader rejects, nor reads a value differently.
 */
class ChatResponseScannerTest {
  private static final String ENTRY = """
      {"token":"Par","logprob":-0.31725305,"bytes":[80,97,114],"top_logprobs":[
        {"token":"Par","logprob":-0.31725305,"bytes":[80,97,114]},
        {"token":"Lon","logprob":-1.9361264946837764e-07,"bytes":[76,111,110]},
        {"token":" \\u00e9t\\u00e9","logprob":-2,"bytes":[32,195,169,116,195,169]},
        {"token":"\u4e16","logprob":-3.5e+1,"bytes":[228,184,150]},
        {"token":"x","logprob":-9999.0,"bytes":null}]}""";

  /** A chat completion, and the stream chunks of every kind, that the fast path reads itself. */
  private static final List<String> READ_FAST = List.of(
      """
      {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini","system_fingerprint":"fp_1",
       "choices":[{"index":0,"message":{"role":"assistant","content":"Par\\"is\\n","refusal":null,"annotations":[]},
        "logprobs":{"content":[%s,%s],"refusal":null},"finish_reason":"stop"}],
       "usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11,"prompt_tokens_details":{"cached_tokens":3,"audio_tokens":0},
        "completion_tokens_details":{"reasoning_tokens":0,"accepted_prediction_tokens":0}},"service_tier":"default"}
      """.formatted(ENTRY, ENTRY),
      "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",\"system_fingerprint\":\"fp_1\","
          + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":{\"content\":[],\"refusal\":null},"
          + "\"finish_reason\":null}],\"usage\":null}",
      "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,"
          + "\"delta\":{\"content\":\"Par\"},\"logprobs\":{\"content\":[" + ENTRY + "],\"refusal\":null},\"finish_reason\":null}]}",
      "{\"id\":\"chatcmpl-2\",\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"length\"}],\"usage\":null}",
      "{\"id\":\"chatcmpl-2\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":2000,\"total_tokens\":2012}}",
      // several choices, one chunk each and one chunk with two; a refusal with its own logprobs
      "{\"choices\":[{\"index\":1,\"delta\":{\"content\":\"B\"},\"logprobs\":{\"content\":[" + ENTRY + "]},\"finish_reason\":null},"
          + "{\"index\":0,\"delta\":{\"content\":\"A\"},\"finish_reason\":null}]}",
      "{\"choices\":[{\"index\":0,\"delta\":{\"refusal\":\"I can't\"},\"logprobs\":{\"content\":null,\"refusal\":[" + ENTRY + "]}}]}",
      // reasoning under either name (vLLM's first one counts), and its logprobs
      "{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"think\",\"reasoning\":\"other\"},\"logprobs\":{\"content\":[" + ENTRY + "]}}]}",
      // llama.cpp: token ids, linear probabilities under post_sampling_probs, a null tool_calls
      "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\" the\",\"tool_calls\":null},\"logprobs\":{\"content\":[{\"id\":279,\"token\":\" the\","
          + "\"bytes\":[32,116,104,101],\"prob\":0.75,\"top_probs\":[{\"id\":279,\"token\":\" the\",\"bytes\":[32,116,104,101],\"prob\":0.75},"
          + "{\"id\":264,\"token\":\" a\",\"bytes\":[32,97],\"prob\":0.25},{\"id\":1,\"token\":\"\",\"bytes\":[],\"prob\":0}]}]}}],"
          + "\"created\":1,\"model\":\"known-answer\",\"object\":\"chat.completion.chunk\",\"id\":\"chatcmpl-x\"}",
      // alternatives out of order, the end-of-sequence token, whitespace everywhere
      " { \"choices\" : [ { \"delta\" : { \"content\" : \"\" } , \"logprobs\" : { \"content\" : [ { \"token\" : \"\" , \"logprob\" : 0 ,"
          + " \"bytes\" : [ ] , \"top_logprobs\" : [ { \"token\" : \"b\" , \"logprob\" : -2.5 } , { \"token\" : \"a\" , \"logprob\" : -0.5 } ] } ] } } ] }\n",
      "{\"choices\":[{\"delta\":{\"content\":\"x\"},\"logprobs\":{\"content\":[{\"token\":\"x\",\"logprob\":null,\"top_logprobs\":null}]}}],"
          + "\"extra\":{\"nested\":[1,2.5e-3,\"\\ud83d\\ude00\",true,false,null,{\"a\":[]}]}}");

  /** Documents the fast path leaves to the reader: shapes it does not cover, values the reader coerces or rejects. */
  private static final List<String> LEFT_TO_THE_READER = List.of(
      "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}}]}",
      "{\"choices\":[],\"usage\":{\"prompt_tokens\":3},\"timings\":{\"cache_n\":2}}",
      "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}",
      "{\"error\":null,\"choices\":[]}",
      "{\"choices\":[{\"index\":\"1\",\"delta\":{\"content\":\"x\"}}]}", // a quoted index the reader coerces
      "{\"choices\":[{\"delta\":{\"content\":5}}]}", // a number as text
      "{\"choices\":[{\"logprobs\":{\"content\":[{\"token\":\"x\",\"logprob\":\"-0.5\"}]}}]}", // a quoted number
      "{\"choices\":[{\"logprobs\":{\"content\":[{\"token\":\"x\",\"logprob\":-0.5,\"bytes\":\"eA==\"}]}}]}", // base64 bytes
      "{\"choices\":[{\"logprobs\":{\"content\":[{\"token\":\"x\",\"logprob\":0.5}]}}]}", // an impossible logprob
      "{\"choices\":[{\"logprobs\":{\"content\":[{\"token\":\"x\",\"logprob\":-0.5,\"top_logprobs\":[{\"token\":\"y\"}]}]}}]}",
      "{\"choices\":[{\"logprobs\":{\"content\":[null]}}]}",
      "{\"choices\":[{\"delta\":{\"content\":\"x\"}}]} trailing",
      "null",
      "{\"choices\":[{\"delta\":{\"content\":\"caf\u00e9\"}}]}".replace("\u00e9", "\\u00e9").replace("content", "cont\\u0065nt"));

  private static final List<LogprobsOption> OPTIONS = List.of(LogprobsOption.top(5), LogprobsOption.top(2), LogprobsOption.chosenToken(),
      LogprobsOption.NONE);
  private static final List<ChatDialect> DIALECTS = List.of(ChatDialect.openAi("openai"), ChatDialect.llamaCpp("llamacpp", true, true));

  /** The reader's answer through jackson-core alone, or its failure. */
  private static Object jackson(byte[] json, LogprobsOption option, ChatDialect dialect) {
    try {
      return Json.read(new ByteArrayInputStream(json), new ChatResponseReader(option, dialect), dialect.provider(), "a chat completion");
    } catch (IOException | RuntimeException e) {
      return e.getClass();
    }
  }

  /** The fast path's answer, or null where it gave up. */
  private static ChatResponse scanned(byte[] json, LogprobsOption option, ChatDialect dialect) {
    try {
      return new ChatResponseReader(option, dialect).scan(json, 0, json.length);
    } catch (RuntimeException e) {
      return null;
    }
  }

  @Test
  void readsEveryCoveredShapeAsTheJacksonReaderDoes() {
    for (String doc : READ_FAST) {
      byte[] json = doc.getBytes(UTF_8);
      for (LogprobsOption option : OPTIONS) {
        for (ChatDialect dialect : DIALECTS) {
          ChatResponse fast = scanned(json, option, dialect);
          assertNotNull(fast, () -> "the fast path gave up on " + doc + " with " + option);
          assertEquals(jackson(json, option, dialect), fast, doc);
        }
      }
    }
  }

  @Test
  void leavesTheRestToTheReaderWhichAnswersAsBefore() {
    for (String doc : LEFT_TO_THE_READER) {
      byte[] json = doc.getBytes(UTF_8);
      for (ChatDialect dialect : DIALECTS) {
        LogprobsOption option = LogprobsOption.top(5);
        assertEquals(null, scanned(json, option, dialect), doc);
        Object expected = jackson(json, option, dialect);
        Object actual;
        try {
          actual = Json.read(json, new ChatResponseReader(option, dialect), dialect.provider(), "a chat completion");
        } catch (RuntimeException e) {
          actual = e.getClass();
        }
        assertEquals(expected, actual, doc);
      }
    }
  }

  @Test
  void anErrorMemberStillReachesTheStreamsMapper() {
    byte[] json = "{\"choices\":[],\"error\":{\"message\":\"boom\"}}".getBytes(UTF_8);
    ChatResponseReader reader = new ChatResponseReader(LogprobsOption.top(5), ChatDialect.openAi("openai"), true);
    assertThrows(dev.nexttoken.spi.EventMapper.ErrorMember.class, () -> Json.read(json, reader, "openai", "a chat completion chunk"));
  }

  @Test
  void mutatedDocumentsAreNeverReadDifferently() {
    Random random = new Random(2026_12_02L);
    byte[] alphabet = "\"\\,:{}[]09-.eE n\u0000".getBytes(UTF_8);
    List<byte[]> bases = new ArrayList<>();
    for (String doc : READ_FAST) {
      bases.add(doc.getBytes(UTF_8));
    }
    int fastAccepted = 0;
    int mutants = 0;
    for (byte[] base : bases) {
      for (int i = 0; i < 1_500; i++) {
        byte[] mutant = mutate(base, random, alphabet);
        mutants++;
        LogprobsOption option = OPTIONS.get(i % OPTIONS.size());
        ChatDialect dialect = DIALECTS.get(i % DIALECTS.size());
        ChatResponse fast = scanned(mutant, option, dialect);
        if (fast == null) {
          continue;
        }
        fastAccepted++;
        Object expected = jackson(mutant, option, dialect);
        if (!fast.equals(expected)) {
          fail("the fast path read " + new String(mutant, UTF_8) + "\nas " + fast + "\nwhere jackson-core gives " + expected);
        }
      }
    }
    // Most single mutations land in values and whitespace the fast path still reads: the check is not vacuous.
    assertTrue(fastAccepted > mutants / 5, fastAccepted + " of " + mutants);
  }

  private static byte[] mutate(byte[] base, Random random, byte[] alphabet) {
    int at = random.nextInt(base.length);
    byte b = random.nextInt(4) == 0 ? (byte) (0x80 + random.nextInt(0x80)) : alphabet[random.nextInt(alphabet.length)];
    return switch (random.nextInt(4)) {
      case 0 -> { // replace a byte
        byte[] out = base.clone();
        out[at] = b;
        yield out;
      }
      case 1 -> { // delete a byte
        byte[] out = new byte[base.length - 1];
        System.arraycopy(base, 0, out, 0, at);
        System.arraycopy(base, at + 1, out, at, base.length - at - 1);
        yield out;
      }
      case 2 -> { // insert a byte
        byte[] out = new byte[base.length + 1];
        System.arraycopy(base, 0, out, 0, at);
        out[at] = b;
        System.arraycopy(base, at, out, at + 1, base.length - at);
        yield out;
      }
      default -> { // a digit changed (values the fast path converts)
        byte[] out = base.clone();
        for (int i = at; i < out.length; i++) {
          if (out[i] >= '0' && out[i] <= '9') {
            out[i] = (byte) ('0' + random.nextInt(10));
            break;
          }
        }
        yield out;
      }
    };
  }
}
