package dev.nexttoken.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

class KnownAnswerModelTest {
  private final KnownAnswerModel model = KnownAnswerModel.defaultModel();

  @Test
  void everyRowIsADistributionWithTinyNonWords() {
    for (int prev = 0; prev < model.vocabSize(); prev++) {
      double[] p = model.nextTokenProbabilities(prev);
      assertEquals(1.0, DoubleStream.of(p).sum(), 1e-12, "row " + prev);
      assertEquals(KnownAnswerModel.OTHER_PROBABILITY, p[model.tokenId("▁We")]);
      assertEquals(KnownAnswerModel.OTHER_PROBABILITY, p[model.bosId()]);
      assertTrue(p[model.tokenId(" platform")] > 1e-4, "every word has p > 0");
    }
  }

  @Test
  void vocabularyHasSpecialsBytesWordsAndPrefixes() {
    List<String> v = model.vocabulary();
    assertEquals(List.of("<unk>", "<s>", "</s>", "<0x00>"), v.subList(0, 4));
    assertEquals("<0xFF>", v.get(258));
    assertEquals("▁Weights", v.get(259));
    assertTrue(v.containsAll(List.of("▁", "▁W", "▁We", "▁Weight", ".", ",")));
  }

  @Test
  void tokenizesCorpusTextIntoWords() {
    int[] ids = model.tokenize("Weights and Biases is");
    assertArrayEquals(new int[] {model.tokenId(" Weights"), model.tokenId(" and"), model.tokenId(" Biases"),
        model.tokenId(" is")}, ids);
    assertArrayEquals(new int[] {model.tokenId(" OpenAI"), model.tokenId(","), model.tokenId(" Cohere")},
        model.tokenize("OpenAI, Cohere"));
  }

  @Test
  void unknownWordsFallBackToPrefixesAndBytes() {
    // "Wx": ▁W is a prefix piece, x is not a piece and becomes the byte token <0x78>.
    assertArrayEquals(new int[] {model.tokenId("▁W"), 3 + 'x'}, model.tokenize("Wx"));
  }

  @Test
  void greedyWalkFromTheLectureSentence() {
    String text = model.greedyWalk("Weights and Biases is", 20).stream()
        .map(KnownAnswerModel.Candidate::token).collect(Collectors.joining());
    assertEquals(" the machine learning platform for developers.", text);
    List<KnownAnswerModel.Candidate> walk = model.greedyWalk("Weights and Biases is", 20);
    assertEquals(model.eosId(), walk.get(walk.size() - 1).id(), "the walk ends with </s>");
  }

  @Test
  void topKIsSortedAndMatchesLogprob() {
    int is = model.tokenId(" is");
    List<KnownAnswerModel.Candidate> top = model.topK(is, 5);
    assertEquals(model.argmax(is), top.get(0).id());
    for (int i = 0; i < top.size(); i++) {
      assertEquals(model.logprob(is, top.get(i).id()), top.get(i).logprob());
      if (i > 0) {
        assertTrue(top.get(i - 1).logprob() > top.get(i).logprob(), "no ties among words");
      }
    }
  }

  @Test
  void tokenTextIsWhatTheServerReports() {
    assertEquals(" the", model.tokenText(model.tokenId("▁the")));
    assertEquals("", model.tokenText(model.eosId()));
    assertEquals("A", model.tokenText(3 + 'A'));
    assertEquals("", model.tokenText(3 + 0xC5), "a lone UTF-8 lead byte is cut");
    assertEquals("\uFFFD", model.tokenText(3 + 0xFF));
    assertArrayEquals(new byte[] {(byte) 0xC5}, model.tokenBytes(3 + 0xC5));
  }

  @Test
  void rejectsCorpusTextItCannotTokenizeAsWords() {
    assertThrows(IllegalArgumentException.class,
        () -> KnownAnswerModel.builder().corpus(List.of("double  space")).build());
    assertThrows(IllegalArgumentException.class,
        () -> KnownAnswerModel.builder().corpus(List.of("it's")).build());
  }
}
