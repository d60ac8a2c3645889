package dev.nexttoken.gemini;

import static dev.nexttoken.gemini.GeminiTestSupport.body;
import static dev.nexttoken.gemini.GeminiTestSupport.json;
import static dev.nexttoken.gemini.GeminiTestSupport.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.ContentPart;
import dev.nexttoken.ImagePart;
import dev.nexttoken.error.RequestValidationException;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Images in a user turn: bytes inline, URLs as {@code fileData}. */
class GeminiImagesTest extends MockGeminiTest {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};

  @Test
  void bytesGoInlineAsBase64AndUrlsAsFileDataInTheOrderGiven() throws Exception {
    server.enqueue(json("generate/hello.json"));
    model.chat(ChatRequest.builder().user(
        ContentPart.text("What differs between these?"),
        ImagePart.bytes(PNG, "image/png"),
        ImagePart.url("https://example.com/photos/fjord.JPG?size=large#top"),
        ImagePart.url("gs://bucket/scans/page-1")).build());

    assertEquals(tree("{'contents':[{'role':'user','parts':["
        + "{'text':'What differs between these?'},"
        + "{'inlineData':{'mimeType':'image/png','data':'" + Base64.getEncoder().encodeToString(PNG) + "'}},"
        + "{'fileData':{'mimeType':'image/jpeg','fileUri':'https://example.com/photos/fjord.JPG?size=large#top'}},"
        + "{'fileData':{'fileUri':'gs://bucket/scans/page-1'}}]}]}"), body(server.takeRequest()),
        "the media type from the extension when there is one, none otherwise");
  }

  @Test
  void aDataUrlGoesInlineWithItsMediaType() throws Exception {
    server.enqueue(json("generate/hello.json"));
    model.chat(ChatRequest.builder().user(ContentPart.text("Describe"), ImagePart.url("data:image/webp;base64,UklGRg==")).build());

    assertEquals(tree("{'inlineData':{'mimeType':'image/webp','data':'UklGRg=='}}"),
        body(server.takeRequest()).get("contents").get(0).get("parts").get(1));
  }

  @ParameterizedTest
  @CsvSource({"'data:image/svg+xml,<svg/>'", "data:;base64,AAAA", "data:image/png;base64"})
  void aDataUrlGeminiCannotTakeIsRefusedBeforeSending(String url) {
    RequestValidationException e = assertThrows(RequestValidationException.class,
        () -> model.chat(ChatRequest.builder().user(ContentPart.text("Describe"), ImagePart.url(url)).build()));
    assertEquals("image", e.field());
    assertTrue(e.getMessage().contains("base64"), e.getMessage());
    assertEquals(0, server.getRequestCount());
  }
}
