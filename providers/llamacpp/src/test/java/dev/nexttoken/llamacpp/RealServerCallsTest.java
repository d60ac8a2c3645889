package dev.nexttoken.llamacpp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.testkit.KnownAnswerModel;
import dev.nexttoken.testkit.LlamaServer;
import dev.nexttoken.testkit.junit.LlamaServerExtension;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The typed utility calls against a real llama-server serving the known-answer model. */
@ExtendWith(LlamaServerExtension.class)
class RealServerCallsTest {
  private final KnownAnswerModel truth;
  private final LlamaCppModel model;

  RealServerCallsTest(LlamaServer server, KnownAnswerModel truth) {
    this.truth = truth;
    this.model = LlamaCppModel.builder().baseUrl(server.baseUrl()).build();
  }

  @AfterEach
  void close() {
    model.close();
  }

  @Test
  void everyCorpusWordRoundTripsThroughTokenizeAndDetokenize() {
    Set<String> words = new LinkedHashSet<>();
    for (String sentence : truth.corpus()) {
      words.addAll(Arrays.asList(sentence.replaceAll("[.,]", "").split(" ")));
    }
    for (String word : words) {
      String text = " " + word; // how a word appears after another
      List<Token> tokens = model.tokenize(word, true);

      assertEquals(1, tokens.size(), () -> word + " is one token: " + tokens);
      Token token = tokens.get(0);
      assertEquals(truth.tokenId(text), token.id(), word);
      assertEquals(text, token.piece(), word);
      assertArrayEquals(truth.tokenBytes(token.id()), token.bytes(), word);
      assertEquals(text, model.detokenize(List.of(token.id())), word);
    }
  }

  @Test
  void corpusSentencesTokenizeAsTheModelSays() {
    for (String sentence : truth.corpus()) {
      List<Token> tokens = model.tokenize(sentence, false);

      assertArrayEquals(truth.tokenize(sentence), tokens.stream().mapToInt(Token::id).toArray(), sentence);
      assertEquals(" " + sentence, model.detokenize(tokens.stream().map(Token::id).toList()), "SPM adds one leading space");
    }
  }

  @Test
  void nonUtf8PiecesComeAsBytes() {
    List<Token> tokens = model.tokenize("é", true);

    byte[] joined = new byte[0];
    for (Token t : tokens) {
      byte[] b = t.bytes();
      byte[] next = Arrays.copyOf(joined, joined.length + b.length);
      System.arraycopy(b, 0, next, joined.length, b.length);
      joined = next;
    }
    assertEquals(" é", new String(joined, java.nio.charset.StandardCharsets.UTF_8), "the pieces' bytes rebuild the text");
    assertTrue(tokens.stream().anyMatch(t -> t.piece().isEmpty()), () -> "a lone UTF-8 byte has no text: " + tokens);
  }

  @Test
  void healthPropsAndModels() {
    assertEquals(new Health(true, "ok"), model.health());
    ServerProps props = model.props();
    assertEquals(1, props.totalSlots());
    assertEquals(256, props.contextSize());
    assertEquals(truth.chatTemplate(), props.chatTemplate());
    assertNotNull(props.buildInfo());
    ModelInfo info = model.models().get(0);
    assertEquals(truth.vocabSize(), info.vocabularySize());
    assertEquals(props.modelPath(), info.id());
  }
}
