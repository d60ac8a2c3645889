package dev.nexttoken.cohere;

import static dev.nexttoken.cohere.CohereTestSupport.body;
import static dev.nexttoken.cohere.CohereTestSupport.json;
import static dev.nexttoken.cohere.CohereTestSupport.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.ContentPart;
import dev.nexttoken.ImagePart;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Images on vision models: {@code image_url} parts, a URL or the bytes as a base64 data URL. */
class CohereImagesTest extends MockCohereTest {
  private static final String VISION = "command-a-vision-07-2025";

  @Test
  void aUrlAndBytesBecomeImageUrlPartsBesideTheText() throws Exception {
    server.enqueue(json("chat/plain.json"));
    byte[] png = "\u0089PNG fake".getBytes(StandardCharsets.ISO_8859_1);
    model.chat(ChatRequest.builder().model(VISION)
        .system("Describe images briefly.")
        .user(ContentPart.text("Which logo is this, and what is in the second picture?"),
            ImagePart.url("https://example.com/logo.png"),
            ImagePart.bytes(png, "image/png"))
        .build());

    assertEquals(tree("{'model':'" + VISION + "','messages':["
        + "{'role':'system','content':'Describe images briefly.'},"
        + "{'role':'user','content':["
        + "{'type':'text','text':'Which logo is this, and what is in the second picture?'},"
        + "{'type':'image_url','image_url':{'url':'https://example.com/logo.png'}},"
        + "{'type':'image_url','image_url':{'url':'data:image/png;base64,iVBORyBmYWtl'}}]}]}"), body(server.takeRequest()));
  }

  @Test
  void aDataUrlIsSentAsItIs() throws Exception {
    server.enqueue(json("chat/plain.json"));
    String dataUrl = "data:image/jpeg;base64,/9j/4AAQSkZJRg==";
    model.chat(ChatRequest.builder().model("command-a-plus-05-2026").user(ImagePart.url(dataUrl)).build());
    assertEquals(tree("[{'type':'image_url','image_url':{'url':'" + dataUrl + "'}}]"),
        body(server.takeRequest()).get("messages").get(0).get("content"));
  }

  @Test
  void textPartsAloneStayAString() throws Exception {
    server.enqueue(json("chat/plain.json"));
    model.chat(ChatRequest.builder().model(VISION).user(ContentPart.text("Hello, "), ContentPart.text("world")).build());
    assertEquals("Hello, world", body(server.takeRequest()).get("messages").get(0).get("content").textValue());
  }
}
