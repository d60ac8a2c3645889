package dev.nexttoken.ollama;

import static dev.nexttoken.ollama.OllamaTestSupport.body;
import static dev.nexttoken.ollama.OllamaTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.ContentPart;
import dev.nexttoken.ImagePart;
import dev.nexttoken.error.RequestValidationException;
import dev.nexttoken.error.UnsupportedCapabilityException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Images on a message: base64 in {@code images}, from bytes or a {@code data:} URL; Ollama fetches no URLs. */
class OllamaImagesTest extends OllamaServerTest {
  /** The first bytes of a PNG, enough to tell the encodings apart. */
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, (byte) 0xFF};

  private JsonNode sentMessage(ContentPart... parts) throws Exception {
    server.enqueue(json("chat/hello.json"));
    model.chat(ChatRequest.builder().user(parts).build());
    return body(server.takeRequest()).get("messages").get(0);
  }

  @Test
  void bytesGoAsBase64BesideTheText() throws Exception {
    JsonNode message = sentMessage(ContentPart.text("What is "), ImagePart.bytes(PNG, "image/png"), ContentPart.text("this?"));

    assertEquals("user", message.get("role").asText());
    assertEquals("What is this?", message.get("content").asText(), "the text parts, joined");
    assertEquals(1, message.get("images").size());
    assertEquals(Base64.getEncoder().encodeToString(PNG), message.get("images").get(0).asText(), "plain base64, no data: prefix");
  }

  @Test
  void dataUrlsAreDecodedToTheirBytes() throws Exception {
    String base64 = Base64.getEncoder().encodeToString(PNG);
    JsonNode message = sentMessage(ContentPart.text("Compare"),
        ImagePart.url("data:image/png;base64," + base64),
        ImagePart.url("data:image/svg+xml,%3Csvg%2F%3E"));

    assertEquals(base64, message.get("images").get(0).asText());
    assertEquals(Base64.getEncoder().encodeToString("<svg/>".getBytes(StandardCharsets.UTF_8)), message.get("images").get(1).asText(),
        "a percent-encoded data: URL too, in order");
  }

  @Test
  void aTextOnlyMessageSendsNoImages() throws Exception {
    assertNull(sentMessage(ContentPart.text("Hi")).get("images"));
  }

  @Test
  void aUrlIsRefusedBeforeSending() {
    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
        () -> model.chat(ChatRequest.builder().user(ContentPart.text("See"), ImagePart.url("https://example.com/cat.png")).build()));

    assertTrue(e.getMessage().contains("bytes"), e::getMessage);
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void aBrokenDataUrlIsRefusedBeforeSendingNamingTheImage() {
    RequestValidationException e = assertThrows(RequestValidationException.class,
        () -> model.chat(ChatRequest.builder().user("Hi").user(ContentPart.text("See"), ImagePart.url("data:image/png;base64,@@@")).build()));

    assertTrue(e.getMessage().contains("messages[1].images[0]"), e::getMessage);
    assertEquals("image", e.field());
    assertEquals(0, server.getRequestCount());
  }
}
