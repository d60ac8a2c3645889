package dev.nexttoken.logprob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Provider encodings become natural-log probabilities in one place: sentinels are -inf, linear values are logged. */
class LogprobsTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "-9999, -Infinity",               // OpenAI: outside the top 20
      "-10000, -Infinity",
      "-3.4028234663852886E38, -Infinity", // llama.cpp: the lowest float
      "-1.7976931348623157E308, -Infinity",
      "-Infinity, -Infinity",
      "-0.25, -0.25",
      "-9998.5, -9998.5",
      "0, 0",
      "0.00001, 0",                     // rounding noise above 0
  })
  void providerLogprobs(double provider, double neutral) {
    assertEquals(neutral, Logprobs.fromProviderLogprob(provider));
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, 0.5, 3})
  void impossibleLogprobsAreRejected(double value) {
    assertThrows(IllegalArgumentException.class, () -> Logprobs.fromProviderLogprob(value));
  }

  @ParameterizedTest(name = "p={0}")
  @CsvSource({"1, 0", "0.5, -0.6931471805599453", "1.00001, 0", "0, -Infinity", "1e-300, -690.7755278982137"})
  void linearProbabilities(double probability, double logprob) {
    assertEquals(logprob, Logprobs.fromProbability(probability), 1e-12);
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, -0.1, 1.01, Double.POSITIVE_INFINITY})
  void impossibleProbabilitiesAreRejected(double value) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Logprobs.fromProbability(value));

    assertEquals("probability must be in [0, 1], was " + value, e.getMessage());
  }

  @Test
  void candidateOfProbabilityZeroStaysInTheList() {
    TokenCandidate zero = new TokenCandidate(" there", null, null, Logprobs.fromProviderLogprob(-9999));

    assertEquals(0.0, zero.probability());
    assertEquals(Double.NEGATIVE_INFINITY, zero.logprob());
  }

  @Test
  void tokensRefusePositiveOrNaNLogprobsNamingTheToken() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TokenCandidate("a\nb", null, null, 0.5));

    assertEquals("logprob must be <= 0, was 0.5 for token \"a\\nb\"", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new TokenLogprob("x", null, null, Double.NaN, null));
  }

  @Test
  void tokenBytesAreCopiedAndCompared() {
    byte[] bytes = {(byte) 0xE2, (byte) 0x82};
    TokenLogprob token = new TokenLogprob("\uFFFD", bytes, 7, -1.0, null);
    bytes[0] = 0;

    assertEquals(new TokenLogprob("\uFFFD", new byte[] {(byte) 0xE2, (byte) 0x82}, 7, -1.0, null), token);
    assertEquals((byte) 0xE2, token.bytes()[0]);
  }
}
