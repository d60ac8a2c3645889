package dev.nexttoken.openai;

import static dev.nexttoken.openai.OpenAiFixtures.assertBody;
import static dev.nexttoken.openai.OpenAiFixtures.json;
import static dev.nexttoken.openai.OpenAiFixtures.read;
import static dev.nexttoken.openai.OpenAiFixtures.sent;
import static dev.nexttoken.openai.OpenAiFixtures.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.ContentPart;
import dev.nexttoken.ImagePart;
import dev.nexttoken.Message;
import dev.nexttoken.Role;
import dev.nexttoken.error.UnsupportedCapabilityException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Images on {@code POST /v1/responses}: {@code input_image} parts by URL and as bytes, and where they cannot go. */
class ResponsesImagesTest extends ResponsesServerTest {
  /** The first bytes of a PNG file. */
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @Test
  void imagesAreInputImagePartsAUrlAsGivenBytesAsADataUrl() {
    server.enqueue(json(read("responses", "logprobs.json")));

    model.chat(ChatRequest.builder().system("Describe images in one line.")
        .user(ContentPart.text("What differs between these two?"), ImagePart.url("https://example.com/cat.png"),
            ImagePart.bytes(PNG, "image/png"))
        .build());

    assertBody(read("responses", "request-images.json"), take(server));
  }

  @Test
  void aDataUrlGoesAsGiven() {
    server.enqueue(json(read("responses", "logprobs.json")));
    String dataUrl = "data:image/jpeg;base64,/9j/4AAQ";

    model.chat(ChatRequest.builder().user(ImagePart.url(dataUrl)).build());

    assertEquals("[{\"type\":\"input_image\",\"image_url\":\"" + dataUrl + "\"}]",
        sent(take(server)).get("input").get(0).get("content").toString());
  }

  @Test
  void anImageInAnAssistantTurnIsRefusedBeforeSending() {
    Message drawn = new Message(Role.ASSISTANT, List.of(ContentPart.text("Here:"), ImagePart.bytes(PNG, "image/png")),
        List.of(), null, null);
    ChatRequest request = ChatRequest.builder().user("Draw a cat.").message(drawn).user("Bigger.").build();

    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class, () -> model.chat(request));

    assertEquals("messages", e.field());
    assertTrue(e.getMessage().contains("messages[1] is an assistant turn with an image"), e::getMessage);
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void aModelThatReadsNoImagesIsRefusedThemBeforeSending() {
    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class, () -> model.chat(
        ChatRequest.builder().model("o3-mini").user(ContentPart.text("What is this?"), ImagePart.url("https://example.com/cat.png")).build()));

    assertEquals("image", e.field());
    assertTrue(e.getMessage().contains("o3-mini reads no images"), e::getMessage);
    assertEquals(0, server.getRequestCount());
  }
}
