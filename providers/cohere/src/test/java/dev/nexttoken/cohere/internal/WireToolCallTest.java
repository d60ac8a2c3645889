package dev.nexttoken.cohere.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexttoken.ToolCall;
import dev.nexttoken.spi.Json;
import org.junit.jupiter.api.Test;

/** A call's arguments text: the string as sent, an object written compactly, nothing as {@code ""}. */
class WireToolCallTest {
  private static WireToolCall read(String json) {
    return Json.read(json, WireToolCall.class, "cohere", "a tool call");
  }

  @Test
  void aStringIsKeptExactly() {
    assertEquals(new ToolCall("c1", "f", "{ \"b\" : 1.50,\"a\":2 }"),
        read("{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{ \\\"b\\\" : 1.50,\\\"a\\\":2 }\"}}").toToolCall());
  }

  @Test
  void anObjectIsWrittenCompactlyKeysInTheOrderReceived() {
    assertEquals("{\"b\":1.5,\"a\":[true,null]}",
        read("{\"id\":\"c1\",\"function\":{\"name\":\"f\",\"arguments\":{ \"b\": 1.5, \"a\": [true, null] }}}").argumentsText());
  }

  @Test
  void noArgumentsAreEmptyAndNoNameIsEmpty() {
    assertEquals(new ToolCall("c1", "", ""), read("{\"id\":\"c1\"}").toToolCall());
  }
}
