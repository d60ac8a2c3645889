package dev.nexttoken.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** How {@link HttpTransport#url(String)} places a path, and a query, under the base URL. */
class TransportUrlTest {
  @Test
  void pathKeepsTheBasePrefixAndColonsAndTheQueryIsKept() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      HttpTransport transport = TestTransports.transport(server).build();
      assertEquals(server.url("/v1/models/gemini-2.0-flash:streamGenerateContent").newBuilder().encodedQuery("alt=sse").build(),
          transport.url("models/gemini-2.0-flash:streamGenerateContent?alt=sse"));
      assertEquals("/v1/models/gemini-2.0-flash:generateContent", transport.url("models/gemini-2.0-flash:generateContent").encodedPath());
      assertEquals(null, transport.url("chat/completions").query());
      transport.close();
    }
  }
}
