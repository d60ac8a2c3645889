package dev.nexttoken.cohere.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.nexttoken.FinishReason;
import dev.nexttoken.Usage;
import dev.nexttoken.spi.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Cohere's finish reasons and usage in neutral terms. */
class ResponseMapperTest {
  @ParameterizedTest
  @CsvSource({
    "COMPLETE, STOP",
    "STOP_SEQUENCE, STOP",
    "MAX_TOKENS, LENGTH",
    "TOOL_CALL, TOOL_CALLS",
    "ERROR, ERROR",
    "TIMEOUT, OTHER",
    "SOMETHING_NEW, OTHER",
  })
  void everyDocumentedFinishReasonHasANeutralKindAndKeepsItsRawValue(String raw, FinishReason.Kind kind) {
    assertEquals(FinishReason.of(kind, raw), ResponseMapper.finishReason(raw));
  }

  @Test
  void noFinishReasonStaysUnknown() {
    assertNull(ResponseMapper.finishReason(null));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "{'billed_units':{'input_tokens':9.0,'output_tokens':1.0,'search_units':0.5},'tokens':{'input_tokens':212,'output_tokens':1},'cached_tokens':200}",
    "{'billed_units':{'input_tokens':9,'output_tokens':1,'search_units':0.50},'tokens':{'input_tokens':212,'output_tokens':1},'cached_tokens':200.0}",
  })
  void billedUnitsAreKeptAsExtrasWrittenTheSameWhetherIntOrFloat(String json) {
    WireUsage usage = Json.read(json.replace('\'', '"'), WireUsage.class, "cohere", "usage");
    assertEquals(Map.of("billed_units.input_tokens", "9", "billed_units.output_tokens", "1", "billed_units.search_units", "0.5",
        "cached_tokens", "200"), ResponseMapper.extras(usage));
    assertEquals(new Usage(212, 1, 213, 200, null), ResponseMapper.usage(usage), "cached_tokens is also the neutral count");
  }

  @Test
  void billedUnitsAloneAreNotMistakenForTokenCounts() {
    WireUsage usage = Json.read("{\"billed_units\":{\"input_tokens\":9,\"output_tokens\":1}}", WireUsage.class, "cohere", "usage");
    assertEquals(Usage.UNKNOWN, ResponseMapper.usage(usage));
    assertEquals(Usage.UNKNOWN, ResponseMapper.usage(null));
    assertEquals(Map.of(), ResponseMapper.extras(null));
  }

  @Test
  void cachedTokensAreTheUsagesCachedCountZeroKeptAbsentNull() {
    WireUsage zero = Json.read("{\"tokens\":{\"input_tokens\":212,\"output_tokens\":1},\"cached_tokens\":0}", WireUsage.class, "cohere", "usage");
    assertEquals(new Usage(212, 1, 213, 0, null), ResponseMapper.usage(zero));
    WireUsage absent = Json.read("{\"tokens\":{\"input_tokens\":212,\"output_tokens\":1}}", WireUsage.class, "cohere", "usage");
    assertEquals(new Usage(212, 1, 213, null, null), ResponseMapper.usage(absent));
    WireUsage odd = Json.read("{\"tokens\":{\"input_tokens\":212,\"output_tokens\":1},\"cached_tokens\":\"many\"}", WireUsage.class,
        "cohere", "usage");
    assertEquals(new Usage(212, 1, 213, null, null), ResponseMapper.usage(odd), "not a count: not reported");
    WireUsage cachedOnly = Json.read("{\"cached_tokens\":5.0}", WireUsage.class, "cohere", "usage");
    assertEquals(new Usage(null, null, null, 5, null), ResponseMapper.usage(cachedOnly));
  }
}
